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
                        one(i % 7);
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

    private static final String[] KINDS = {"json", "stream", "malformed", "over-limit", "client-left", "provider-500",
            "provider-reset"};
    /** The status each kind must be answered with (the client that leaves mid-stream sees none). */
    private static final Map<String, Integer> EXPECTED = Map.of("json", 200, "stream", 200, "malformed", 400,
            "over-limit", 413, "provider-500", 500, "provider-reset", 502);
    private final Queue<String> wrong = new ConcurrentLinkedQueue<>();

    private void one(int kind) {
        try {
            switch (kind) {
                case 0 -> post(KINDS[0], SMALL.formatted("ok,m", false, "hi"));
                case 1 -> post(KINDS[1], SMALL.formatted("ok,m", true, "hi"));
                case 2 -> post(KINDS[2], "{\"model\": \"ok,m\", \"messages\": [");
                case 3 -> post(KINDS[3], SMALL.formatted("ok,m", false, "x".repeat(BODY_LIMIT)));
                case 4 -> leaveMidStream();
                case 5 -> post(KINDS[5], SMALL.formatted("fail,m", false, "hi"));
                default -> post(KINDS[6], SMALL.formatted("reset,m", true, "hi"));
            }
        } catch (IOException e) {
            counts.computeIfAbsent("io-error " + KINDS[kind] + " " + e, k -> new AtomicLong()).incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(String kind, String body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(router.resolve("/v1/messages"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        counts.computeIfAbsent(kind + " " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
        Integer expected = EXPECTED.get(kind);
        boolean right = expected == null || expected == response.statusCode() && whole(kind, response.body());
        if (!right && wrong.size() < 20) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            wrong.add(kind + " " + response.statusCode() + " " + response.headers().map() + " "
                    + text.substring(0, Math.min(400, text.length())));
        }
    }

    /**
     * Whether {@code body} is one whole answer of its kind, nothing before or after it: an event stream that ends with
     * {@code message_stop}, a message, or an error.
     */
    private static boolean whole(String kind, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return switch (kind) {
            case "stream" -> text.startsWith("event: message_start\n")
                    && text.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
            case "json" -> text.startsWith("{") && text.endsWith("}") && text.contains("\"type\":\"message\"");
            default -> text.startsWith("{\"type\":\"error\",\"error\":{") && text.endsWith("}}");
        };
    }

    /** Wrong answers seen (up to 20): kind, status, headers and the start of the body. */
    public List<String> wrongAnswers() {
        return List.copyOf(wrong);
    }

    /** Sends a streamed request, reads the first bytes of the answer, and closes the connection. */
    private void leaveMidStream() throws IOException {
        byte[] body = SMALL.formatted("ok,m", true, "hi").getBytes(StandardCharsets.UTF_8);
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
        counts.computeIfAbsent("client-left", k -> new AtomicLong()).incrementAndGet();
    }
}
