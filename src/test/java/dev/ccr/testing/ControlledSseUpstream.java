package dev.ccr.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real local SSE upstream whose pace the test controls: it sends the first event, then waits for
 * {@link #releaseRest()} before sending the rest; or, in endless mode, sends an event every 20 ms until writing fails
 * because its client went away, which it records.
 */
public final class ControlledSseUpstream implements AutoCloseable {
    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch requestArrived = new CountDownLatch(1);
    private final CountDownLatch clientGone = new CountDownLatch(1);

    private ControlledSseUpstream(String first, String rest, boolean endless) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> handle(exchange, first, rest, endless));
        server.start();
    }

    /** Sends {@code first}, waits for {@link #releaseRest()}, then sends {@code rest}. */
    public static ControlledSseUpstream stepped(String first, String rest) {
        return new ControlledSseUpstream(first, rest, false);
    }

    /** Sends {@code event} every 20 ms until its client disconnects. */
    public static ControlledSseUpstream endless(String event) {
        return new ControlledSseUpstream(event, "", true);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void releaseRest() {
        release.countDown();
    }

    public boolean awaitRequest(long seconds) throws InterruptedException {
        return requestArrived.await(seconds, TimeUnit.SECONDS);
    }

    /** True once a write to the client failed, i.e. the upstream call was cancelled. */
    public boolean awaitClientGone(long millis) throws InterruptedException {
        return clientGone.await(millis, TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange, String first, String rest, boolean endless) throws IOException {
        exchange.getRequestBody().readAllBytes();
        requestArrived.countDown();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            out.write(first.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (endless) {
                for (int i = 0; i < 1_500; i++) { // bounded: 30 s at most
                    Thread.sleep(20);
                    out.write(first.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } else {
                release.await(20, TimeUnit.SECONDS);
                out.write(rest.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.close();
        } catch (IOException e) {
            clientGone.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
