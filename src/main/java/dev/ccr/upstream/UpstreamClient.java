package dev.ccr.upstream;

import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends requests to providers with OkHttp, through the configured HTTP proxy if any.
 *
 * <p>{@link #send} blocks the calling virtual thread until the response headers arrive and returns the body as a
 * stream. OkHttp does the exchange on the caller's thread; the JDK client handed each request to its selector thread
 * and each answer back to an executor, and those hand-offs were most of ccr's added latency at one connection
 * (docs/benchmarks.md). The whole call, body included, is bounded by the total timeout: when it passes, or the
 * request's {@link Cancellation} fires, the call is cancelled and reads fail.
 */
public final class UpstreamClient implements AutoCloseable {
    /** Headers the client sets itself, and hop-by-hop headers that must not be forwarded. */
    static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "proxy-authorization", "http2-settings");
    /** Idle connections kept per client: as many as the busiest concurrency measured, so none is reopened. */
    private static final int IDLE_CONNECTIONS = 256;
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

    /** Built on a background thread: setting up TLS when the client is built took a fifth of the start-up. */
    private final CompletableFuture<OkHttpClient> http;
    private final Deadlines deadlines = new Deadlines();

    private UpstreamClient(CompletableFuture<OkHttpClient> http) {
        this.http = http;
    }

    /** A client that goes through {@code proxy} (an {@code http://host:port} URL) when given. */
    public static UpstreamClient create(Optional<URI> proxy, Duration connectTimeout) {
        Supplier<OkHttpClient> build = () -> {
            OkHttpClient.Builder builder = new OkHttpClient.Builder()
                    .connectTimeout(connectTimeout)
                    // No read, write or call timeouts of OkHttp's own: the Watchdog bounds every call.
                    .readTimeout(Duration.ZERO)
                    .writeTimeout(Duration.ZERO)
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .socketFactory(new NoDelaySockets())
                    .addNetworkInterceptor(new PromptAcks())
                    .connectionPool(UnhurriedPoolCleanup.pool(IDLE_CONNECTIONS, KEEP_ALIVE));
            proxy.ifPresent(p -> builder.proxy(new Proxy(Proxy.Type.HTTP,
                    new InetSocketAddress(p.getHost(), p.getPort() > 0 ? p.getPort() : defaultPort(p)))));
            return builder.build();
        };
        return new UpstreamClient(CompletableFuture.supplyAsync(build,
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
        Request.Builder builder = new Request.Builder().url(request.url().toString())
                .post(new SegmentedBody(request.body(), request.length()));
        boolean encodingChosen = false;
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name)) {
                builder.addHeader(header.getKey(), header.getValue());
                encodingChosen |= name.equals("accept-encoding");
            }
        }
        if (!encodingChosen) {
            // OkHttp would otherwise ask for gzip and unpack it; the answer is relayed and tapped as it comes.
            builder.header("Accept-Encoding", "identity");
        }
        Watchdog watchdog = Watchdog.start(deadlines, timeouts, cancellation);
        Call call = http.join().newCall(builder.build());
        cancellation.onCancel(call::cancel);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            if (cancellation.isCancelled()) {
                throw UpstreamException.cancelled(cancellation.reason().orElseThrow());
            }
            throw UpstreamException.unreachable(request.url(), e);
        }
        InputStream body = response.body().byteStream();
        cancellation.onCancel(() -> closeQuietly(body));
        return new UpstreamResponse(response.code(), headers(response.headers()), new WatchedStream(body, watchdog, cancellation));
    }

    private static HttpHeaders headers(Headers headers) {
        return HttpHeaders.of(headers.toMultimap(), (name, value) -> true);
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
        deadlines.close();
        OkHttpClient client = http.join();
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
    }

    /** Reports reads to the watchdog, and turns a read failure caused by a cancellation into one that says why. */
    private static final class WatchedStream extends FilterInputStream {
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
                throw cancellation.isCancelled() ? new InterruptedIOException("upstream call " + cancellation.reason().orElseThrow()) : e;
            }
        }
    }
}
