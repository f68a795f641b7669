package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ClientResponse;
import dev.ccr.upstream.RetryAfter;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.upstream.UpstreamException;
import dev.ccr.upstream.UpstreamRequest;
import dev.ccr.upstream.UpstreamResponse;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseWriter;

import java.io.IOException;
import java.time.Clock;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Speaks to a provider that already talks Anthropic (a chain of only {@code "Anthropic"}, spec §3.4): the client's
 * request goes out as sent, with the bare model name and the provider's key, and the answer comes back byte for byte,
 * each network read flushed to the client as it arrives. Usage is read from a tap on the relayed bytes.
 */
final class AnthropicPassthrough implements Dialect {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Client headers not forwarded: the client's credentials (replaced by the provider's key), and
     * {@code accept-encoding}, so the answer arrives uncompressed and the usage tap can read it.
     */
    private static final Set<String> DROPPED_REQUEST_HEADERS = Set.of("authorization", "x-api-key", "accept-encoding");

    /** Upstream headers not relayed: framing is the server's own, and the body is never re-encoded. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "content-encoding", ":status");
    private static final byte[] BLANK_LINE = {'\n'};

    private final UpstreamClient upstream;
    private final Clock clock;

    AnthropicPassthrough(UpstreamClient upstream, Clock clock) {
        this.upstream = upstream;
        this.clock = clock;
    }

    @Override
    public AttemptOutcome forward(Attempt attempt) {
        UpstreamResponse response;
        try {
            response = upstream.send(request(attempt), attempt.timeouts(), attempt.cancellation());
        } catch (UpstreamException e) {
            return UpstreamErrors.beforeAnswer(attempt, e);
        }
        try (response) {
            attempt.listener().answerHeaders(attempt.target(), response.headers().map());
            if (!response.isSuccess()) {
                return UpstreamErrors.anthropicStatus(attempt, response.status(), Relay.readError(response.body()),
                        RetryAfter.parse(response.headers().firstValue("retry-after"), clock));
            }
            return Relay.run(attempt, response.body(), new BytesAsTheyCame(attempt, response));
        } catch (IOException e) {
            return UpstreamErrors.brokenBeforeAnswer(attempt, e);
        }
    }

    private static UpstreamRequest request(Attempt attempt) {
        ObjectNode body = attempt.body().deepCopy();
        body.put("model", attempt.target().model());
        if (!body.has("stream")) {
            body.put("stream", false);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : attempt.request().headers()) {
            if (!DROPPED_REQUEST_HEADERS.contains(h.getKey())) {
                headers.add(h);
            }
        }
        String key = attempt.provider().apiKey();
        if (!key.isEmpty()) {
            // CCR's Anthropic auth(): x-api-key, plus the default Bearer header every provider call carries.
            headers.add(new SimpleEntry<>("x-api-key", key));
            headers.add(new SimpleEntry<>("Authorization", "Bearer " + key));
        }
        if (attempt.request().header("content-type").isEmpty()) {
            headers.add(new SimpleEntry<>("Content-Type", "application/json"));
        }
        return new UpstreamRequest(attempt.provider().apiBaseUrl(), headers, bytes(body));
    }

    /** A 2xx answer relayed byte for byte, with the upstream's own headers; usage is read from a tap on the bytes. */
    private static final class BytesAsTheyCame implements Relay.Sink {
        private final Attempt attempt;
        private final UpstreamResponse response;
        private final ClientResponse client;
        private final UsageTap tap;

        BytesAsTheyCame(Attempt attempt, UpstreamResponse response) {
            this.attempt = attempt;
            this.response = response;
            this.client = attempt.response();
            this.tap = new UsageTap(response.isEventStream());
        }

        @Override
        public void write(byte[] bytes, int n) throws IOException {
            if (!client.isStarted()) {
                client.start(response.status(), relayedHeaders(response));
                attempt.listener().firstByte();
            }
            client.body().write(bytes, 0, n);
            tap.feed(bytes, 0, n);
        }

        @Override
        public void flush() throws IOException {
            client.flush();
        }

        @Override
        public boolean started() {
            return client.isStarted();
        }

        @Override
        public void end() {
            if (!client.isStarted()) {
                client.start(response.status(), relayedHeaders(response));
            }
            attempt.listener().completed(response.status(), tap.usage());
        }

        /** A blank line first ends an event the break may have cut in half; a JSON answer is just cut. */
        @Override
        public void broke(SseEvent error) throws IOException {
            if (response.isEventStream()) {
                client.body().write(BLANK_LINE);
                client.body().write(SseWriter.encode(error));
                client.flush();
            }
        }
    }

    private static List<Map.Entry<String, String>> relayedHeaders(UpstreamResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (!DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> headers.add(new SimpleEntry<>(name, v)));
            }
        });
        return headers;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
