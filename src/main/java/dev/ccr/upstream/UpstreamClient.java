package dev.ccr.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Sends requests to providers with the JDK {@link HttpClient} (measured faster than Jetty's for SSE here, see
 * notes/graaljs-and-undertow.md), through the configured HTTP proxy if any.
 *
 * <p>{@link #send} blocks the calling virtual thread until the response headers arrive and returns the body as a
 * stream. The whole call, body included, is bounded by the total timeout: when it passes, or the request's
 * {@link Cancellation} fires, the exchange is aborted and reads fail.
 */
public final class UpstreamClient implements AutoCloseable {
    /** Headers the JDK client sets itself or refuses, and hop-by-hop headers that must not be forwarded. */
    static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "proxy-authorization", "http2-settings");

    /** Built on a background thread: the JDK client sets up TLS when built, a fifth of the time to the first answer. */
    private final CompletableFuture<HttpClient> http;
    private final ScheduledExecutorService deadlines;

    private UpstreamClient(CompletableFuture<HttpClient> http) {
        this.http = http;
        var scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("ccr-deadlines").factory());
        scheduler.setRemoveOnCancelPolicy(true); // finished requests must not leave their deadlines queued
        this.deadlines = scheduler;
    }

    /** A client that goes through {@code proxy} (an {@code http://host:port} URL) when given. */
    public static UpstreamClient create(Optional<URI> proxy, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                // Its own threads: the default would complete calls on the common pool, one thread on 2 cores.
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ccr-upstream-", 0).factory()))
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        proxy.ifPresent(p -> builder.proxy(ProxySelector.of(
                new InetSocketAddress(p.getHost(), p.getPort() > 0 ? p.getPort() : defaultPort(p)))));
        return new UpstreamClient(CompletableFuture.supplyAsync(builder::build,
                runnable -> Thread.ofPlatform().daemon().name("ccr-upstream-init").start(runnable)));
    }

    private static int defaultPort(URI proxy) {
        return "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
    }

    /**
     * Sends {@code request} and waits for the response headers. The returned body enforces the first-byte and idle
     * limits as it is read.
     *
     * @throws UpstreamException when the provider cannot be reached, a deadline passes or the call is cancelled
     */
    public UpstreamResponse send(UpstreamRequest request, Timeouts timeouts, Cancellation cancellation) throws UpstreamException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if ("http".equalsIgnoreCase(request.url().getScheme())) {
            // Plain-HTTP servers mishandle the h2c upgrade the JDK would otherwise attempt.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        Watchdog watchdog = new Watchdog(deadlines, timeouts, cancellation);

        CompletableFuture<HttpResponse<InputStream>> future = http.join().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        cancellation.onCancel(() -> future.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = future.get();
        } catch (CancellationException e) {
            throw UpstreamException.cancelled(cancellation.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw UpstreamException.cancelled("interrupted");
        } catch (ExecutionException e) {
            if (cancellation.isCancelled()) {
                throw UpstreamException.cancelled(cancellation.reason());
            }
            throw UpstreamException.unreachable(request.url(), e.getCause());
        }
        InputStream body = response.body();
        cancellation.onCancel(() -> closeQuietly(body));
        return new UpstreamResponse(response.statusCode(), response.headers(), new WatchedStream(body, watchdog, cancellation));
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing aborts the exchange; an error while aborting changes nothing
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.join().shutdownNow(); // close() would wait for exchanges a departed client left unread
    }

    /** Reports reads to the watchdog, and turns a read failure caused by a cancellation into one that says why. */
    private static final class WatchedStream extends java.io.FilterInputStream {
        private final Watchdog watchdog;
        private final Cancellation cancellation;

        WatchedStream(InputStream in, Watchdog watchdog, Cancellation cancellation) {
            super(in);
            this.watchdog = watchdog;
            this.cancellation = cancellation;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                watchdog.readDone(n);
                return n;
            } catch (IOException e) {
                throw cancellation.isCancelled() ? new InterruptedIOException("upstream call " + cancellation.reason()) : e;
            }
        }
    }
}
