package dev.ccr.script;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers behind the scripts' {@code http.createServer}: JDK HttpServers (loopback unless the script names an
 * address). A request is read whole on a virtual thread and handed to the loop; the script's answer (head, chunks,
 * end) is written back in order on that request's own virtual thread, so a slow client never blocks the loop.
 */
final class HostServers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Exchange(HttpExchange exchange, ExecutorService writer, OutputStream[] body) {
    }

    private final JsLoop loop;
    private final ScriptGuard guard;
    private final Map<Integer, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<Integer, Exchange> exchanges = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    HostServers(JsLoop loop, ScriptGuard guard) {
        this.loop = loop;
        this.guard = guard;
    }

    /**
     * listen(address, port, onRequest): binds and answers {@code [error | null, serverId, port]}; each request calls
     * {@code onRequest(exchangeId, method, path, headersJson, bodyBuffer, remoteAddress)} on the loop.
     */
    Object[] listen(Value... a) {
        String address = a[0].asString();
        int port = a[1].asInt();
        Optional<String> denied = guard.listen(address, port);
        if (denied.isPresent()) {
            return new Object[] {denied.get(), null, null};
        }
        Value onRequest = a[2];
        onRequest.pin();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 64);
        } catch (IOException e) {
            String code = e instanceof BindException ? "EADDRINUSE" : "EACCES";
            return new Object[] {code + ": " + e.getMessage() + " " + address + ":" + port, null, null};
        }
        int id = ids.incrementAndGet();
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> accept(exchange, onRequest));
        server.start();
        servers.put(id, server);
        return new Object[] {null, id, server.getAddress().getPort()};
    }

    private void accept(HttpExchange exchange, Value onRequest) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int id = ids.incrementAndGet();
        exchanges.put(id, new Exchange(exchange, Executors.newSingleThreadExecutor(Thread.ofVirtual().factory()), new OutputStream[1]));
        ArrayNode headers = JSON.createArrayNode();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.addArray().add(name).add(v)));
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
        loop.post(api -> onRequest.executeVoid(id, exchange.getRequestMethod(), path, headers.toString(), ByteBuffer.wrap(body), remote));
    }

    /** head(exchangeId, status, headersJson, length): sends the status line and headers; length 0 is chunked, -1 none. */
    Object head(Value... a) {
        int status = a[1].asInt();
        String headersJson = a[2].asString();
        long length = a[3].asLong();
        return onWriter(a[0].asInt(), x -> {
            for (var pair : JSON.readTree(headersJson)) {
                x.exchange().getResponseHeaders().add(pair.get(0).asText(), pair.get(1).asText());
            }
            boolean noBody = status == 204 || status == 304 || x.exchange().getRequestMethod().equals("HEAD");
            x.exchange().sendResponseHeaders(status, noBody ? -1 : length);
            x.body()[0] = x.exchange().getResponseBody();
        });
    }

    /** write(exchangeId, bytes): one chunk of the body. */
    Object write(Value... a) {
        byte[] bytes = HostFiles.bytes(a[1]);
        return onWriter(a[0].asInt(), x -> {
            x.body()[0].write(bytes);
            x.body()[0].flush();
        });
    }

    /** end(exchangeId): ends the answer. */
    Object end(Value... a) {
        int id = a[0].asInt();
        Object result = onWriter(id, x -> {
            x.exchange().close();
            x.writer().shutdown();
        });
        exchanges.remove(id);
        return result;
    }

    private interface Step {
        void run(Exchange exchange) throws IOException;
    }

    private Object onWriter(int id, Step step) {
        Exchange x = exchanges.get(id);
        if (x != null) {
            CompletableFuture.runAsync(() -> {
                try {
                    step.run(x);
                } catch (IOException e) {
                    x.exchange().close();
                }
            }, x.writer());
        }
        return null;
    }

    /** close(serverId): stops accepting; open exchanges finish. */
    Object close(Value... a) {
        HttpServer server = servers.remove(a[0].asInt());
        if (server != null) {
            Thread.ofVirtual().start(() -> server.stop(1));
        }
        return null;
    }

    void closeAll() {
        servers.values().forEach(s -> s.stop(0));
        servers.clear();
        exchanges.values().forEach(x -> {
            x.exchange().close();
            x.writer().shutdownNow();
        });
        exchanges.clear();
    }
}
