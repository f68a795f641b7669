package dev.ccr.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claude Code's subagent fan-out as a load (bench/compare.sh): {@code rounds} times, {@code concurrency} streamed
 * requests with the same large body start together; each one's time to the first byte of its answer body (the first
 * event) is recorded, and the whole answer is read. Prints {@code p50_ms p99_ms errors samples}.
 * Usage: {@code FanOut <url> <body-file> <concurrency> <rounds>}.
 */
public final class FanOut {
    private FanOut() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int concurrency = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Double> firstEventMs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < rounds; r++) {
                List<Future<?>> round = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    round.add(threads.submit(() -> one(client, url, body, firstEventMs, errors)));
                }
                for (Future<?> f : round) {
                    f.get();
                }
            }
        }
        List<Double> sorted = new ArrayList<>(firstEventMs);
        Collections.sort(sorted);
        System.out.printf("%.2f %.2f %d %d%n", percentile(sorted, 0.50), percentile(sorted, 0.99), errors.get(), sorted.size());
    }

    private static void one(HttpClient client, URI url, byte[] body, List<Double> firstEventMs, AtomicInteger errors) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                int first = in.read();
                long firstByte = System.nanoTime();
                in.transferTo(OutputStream.nullOutputStream());
                if (response.statusCode() != 200 || first < 0) {
                    errors.incrementAndGet();
                    return;
                }
                firstEventMs.add((firstByte - start) / 1e6);
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
