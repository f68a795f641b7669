package dev.ccr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's traffic against a ccr configured by {@link #config}: valid JSON and streamed requests, malformed bodies,
 * bodies over the limit, clients that leave mid-stream, and providers that fail (500) or reset. Runs {@code workers}
 * loops for a bounded time and counts each kind's answers by status.
 */
public final class SoakMix {
    /** A body limit small enough that the over-limit kind is cheap to send. */
    public static final int BODY_LIMIT = 64 * 1024;

    private static final String SMALL = "{\"model\":\"%s\",\"max_tokens\":100,\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";

    /**
     * One kind of request in the mix: what it sends, and the status its answer must have, with a marker its body must
     * hold (status 0: a client that leaves mid-stream, which reads no answer).
     */
    public record Kind(String name, String body, int status, String marker) {
        /**
         * Whether an answer is this kind's: its status, and one whole answer of its shape (an event stream that ends
         * with {@code message_stop}, a message, or an error) holding the marker, nothing before or after it.
         */
        public boolean answeredBy(int answerStatus, String text) {
            boolean whole;
            if (status != 200) {
                whole = text.startsWith("{\"type\":\"error\",\"error\":{") && text.endsWith("}}");
            } else if (body.contains("\"stream\":true")) {
                whole = text.startsWith("event: message_start\n")
                        && text.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
            } else {
                whole = text.startsWith("{") && text.endsWith("}") && text.contains("\"type\":\"message\"");
            }
            return answerStatus == status && whole && text.contains(marker);
        }
    }

    public static final Kind JSON = new Kind("json", SMALL.formatted("ok,m", false, "hi"), 200, "\"type\":\"message\"");
    public static final Kind STREAM = new Kind("stream", SMALL.formatted("ok,m", true, "hi"), 200, "event: message_stop");
    public static final Kind MALFORMED = new Kind("malformed", "{\"model\": \"ok,m\", \"messages\": [", 400,
            "invalid_request_error");
    public static final Kind OVER_LIMIT = new Kind("over-limit", SMALL.formatted("ok,m", false, "x".repeat(BODY_LIMIT)),
            413, "BODY_LIMIT_BYTES");
    public static final Kind CLIENT_LEFT = new Kind("client-left", STREAM.body(), 0, "");
    public static final Kind PROVIDER_500 = new Kind("provider-500", SMALL.formatted("fail,m", false, "hi"), 500,
            "\"type\":\"error\"");
    public static final Kind PROVIDER_RESET = new Kind("provider-reset", SMALL.formatted("reset,m", true, "hi"), 502,
            "\"type\":\"error\"");
    /** The mix, in the order each worker sends it. */
    private static final List<Kind> MIX = List.of(JSON, STREAM, MALFORMED, OVER_LIMIT, CLIENT_LEFT, PROVIDER_500,
            PROVIDER_RESET);

    private final URI router;
    private HttpClient client;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public SoakMix(URI router) {
        this.router = router;
    }

    /** The ccr config the mix expects: providers {@code ok}, {@code fail} and {@code reset} on {@code upstream}. */
    public static String config(SoakUpstream upstream) {
        return """
                {"LOG": false, "LOG_LEVEL": "error", "BODY_LIMIT_BYTES": %d,
                 "Providers": [
                   {"name": "ok", "api_base_url": "%s", "api_key": "k", "models": ["m"]},
                   {"name": "fail", "api_base_url": "%s", "api_key": "k", "models": ["m"]},
                   {"name": "reset", "api_base_url": "%s", "api_key": "k", "models": ["m"]}],
                 "Router": {"default": "ok,m"}}
                """.formatted(BODY_LIMIT, upstream.url("/ok"), upstream.url("/fail"), upstream.url("/reset"));
    }

    /**
     * Runs the mix on {@code workers} virtual threads until {@code duration} has passed, with a client of its own
     * that is closed at the end (so a caller measuring memory afterwards measures the router, not the client).
     */
    public void run(int workers, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (HttpClient closing = client; ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                int offset = w;
                threads.submit(() -> {
                    for (int i = offset; System.nanoTime() < end; i++) {
                        one(MIX.get(i % MIX.size()));
                    }
                });
            }
        }
    }

    /** Answers seen, by kind and status (for example {@code "malformed 400"}). */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private final Queue<String> wrong = new ConcurrentLinkedQueue<>();

    private void one(Kind kind) {
        try {
            if (kind == CLIENT_LEFT) {
                leaveMidStream();
            } else {
                post(kind);
            }
        } catch (IOException e) {
            counts.computeIfAbsent("io-error " + kind.name() + " " + e, k -> new AtomicLong()).incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(Kind kind) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(router.resolve("/v1/messages"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(kind.body())).build(), HttpResponse.BodyHandlers.ofByteArray());
        counts.computeIfAbsent(kind.name() + " " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (!kind.answeredBy(response.statusCode(), text) && wrong.size() < 20) {
            wrong.add(kind.name() + " " + response.statusCode() + " " + response.headers().map() + " "
                    + text.substring(0, Math.min(400, text.length())));
        }
    }

    /** Wrong answers seen (up to 20): kind, status, headers and the start of the body. */
    public List<String> wrongAnswers() {
        return List.copyOf(wrong);
    }

    /** Sends a streamed request, reads the first bytes of the answer, and closes the connection. */
    private void leaveMidStream() throws IOException {
        byte[] body = CLIENT_LEFT.body().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(router.getHost(), router.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            in.readNBytes(200);
        }
        counts.computeIfAbsent(CLIENT_LEFT.name(), k -> new AtomicLong()).incrementAndGet();
    }
}
