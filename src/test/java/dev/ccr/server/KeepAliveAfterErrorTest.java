package dev.ccr.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.SoakMix;
import dev.ccr.testing.SoakUpstream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keep-alive client that sends its next request the moment it has read an answer gets every answer right, whatever
 * came before on the connection: error answers (400, 413, 500, 502) followed at once by JSON and streamed answers, on
 * many connections at the same time. The next request then arrives while the server is still finishing the previous
 * exchange, which is when a leftover reader of the connection (ccr's {@code PeerCloseProbe}) would take its bytes.
 */
class KeepAliveAfterErrorTest {
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("ccr.keepAliveAfterError.seconds", 15));
    private static final int CONNECTIONS = 12;
    /** The kinds sent in turn on each connection: every error answer is followed at once by another request. */
    private static final List<SoakMix.Kind> KINDS = List.of(SoakMix.MALFORMED, SoakMix.JSON, SoakMix.PROVIDER_500,
            SoakMix.STREAM, SoakMix.PROVIDER_RESET, SoakMix.OVER_LIMIT, SoakMix.MALFORMED, SoakMix.STREAM);

    @Test
    void everyAnswerOnAKeepAliveConnectionIsRightWhenTheNextRequestFollowsAtOnce() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        root.setLevel(Level.OFF);
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        try (SoakUpstream upstream = SoakUpstream.start();
             RunningRouter router = RunningRouter.start(SoakMix.config(upstream))) {
            long end = System.nanoTime() + RUN.toNanos();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CONNECTIONS; c++) {
                    int offset = c;
                    clients.submit(() -> {
                        int i = offset;
                        while (System.nanoTime() < end && wrong.size() < 20) {
                            i = connection(router.port(), i, end, counts, wrong);
                        }
                        return null;
                    });
                }
            }
        } finally {
            root.setLevel(level);
        }
        Map<String, Long> seen = new TreeMap<>();
        counts.forEach((k, v) -> seen.put(k, v.get()));
        assertThat(wrong).as("wrong answers, of %s", seen).isEmpty();
        assertThat(seen).containsKeys("malformed 400", "over-limit 413", "provider-500 500", "provider-reset 502",
                "json 200", "stream 200");
    }

    /** Sends kinds in turn on one connection, each the moment the previous answer was read; returns the next index. */
    private static int connection(int port, int first, long end, Map<String, AtomicLong> counts,
                                  ConcurrentLinkedQueue<String> wrong) throws IOException {
        int i = first;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (System.nanoTime() < end) {
                SoakMix.Kind kind = KINDS.get(i++ % KINDS.size());
                SoakMix.Kind previous = KINDS.get((i + KINDS.size() - 2) % KINDS.size());
                out.write(request(kind.body()));
                out.flush();
                Answer answer;
                try {
                    answer = Answer.read(in);
                } catch (IOException e) {
                    wrong.add(kind.name() + " after " + previous.name() + ": " + e);
                    return i;
                }
                boolean right = kind.answeredBy(answer.status(), answer.body());
                counts.computeIfAbsent(kind.name() + " " + answer.status(), k -> new AtomicLong()).incrementAndGet();
                if (!right) {
                    wrong.add(kind.name() + " after " + previous.name() + ": " + answer.status() + " "
                            + answer.body().substring(0, Math.min(300, answer.body().length())));
                    return i;
                }
                if (answer.closes()) {
                    return i; // the server said it closes this connection; the next kind goes on a new one
                }
            }
        }
        return i;
    }

    private static byte[] request(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(b);
        return all.toByteArray();
    }

    /** One HTTP/1.1 answer, read exactly to its end (Content-Length or chunked), nothing past it. */
    private record Answer(int status, Map<String, String> headers, String body) {
        boolean closes() {
            return "close".equalsIgnoreCase(headers.get("connection"));
        }

        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("Invalid status line: \"" + statusLine + "\"");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Map<String, String> headers = new TreeMap<>();
            for (String header; !(header = line(in)).isEmpty(); ) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size; (size = Integer.parseInt(line(in).trim(), 16)) > 0; ) {
                    body.writeBytes(exactly(in, size));
                    line(in);
                }
                line(in);
            } else {
                body.writeBytes(exactly(in, Integer.parseInt(headers.getOrDefault("content-length", "0"))));
            }
            return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
        }

        private static byte[] exactly(InputStream in, int n) throws IOException {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new IOException("answer ended after " + bytes.length + " of " + n + " bytes");
            }
            return bytes;
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("connection closed" + (sb.isEmpty() ? " with no bytes of an answer" : " after \"" + sb + "\""));
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }
    }
}
