package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.resilience.Failure;
import dev.ccr.resilience.FailureKind;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseWriter;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.upstream.UpstreamException;
import dev.ccr.upstream.UpstreamRequest;
import dev.ccr.upstream.UpstreamResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    private static final int READ_BUFFER = 16 * 1024;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final UpstreamClient upstream;
    private final java.time.Clock clock;

    AnthropicPassthrough(UpstreamClient upstream, java.time.Clock clock) {
        this.upstream = upstream;
        this.clock = clock;
    }

    @Override
    public Optional<Failure> forward(Attempt attempt) {
        UpstreamRequest request = request(attempt);
        UpstreamResponse response;
        try {
            response = upstream.send(request, attempt.timeouts(), attempt.cancellation());
        } catch (UpstreamException e) {
            throw UpstreamErrors.beforeAnswer(attempt, e);
        }
        try (response) {
            attempt.listener().answerHeaders(attempt.target(), response.headers().map());
            if (!response.isSuccess()) {
                throw UpstreamErrors.anthropicStatus(attempt, response.status(), readBounded(response),
                        UpstreamErrors.retryAfter(response.headers().firstValue("retry-after"), clock));
            }
            return relay(attempt, response);
        } catch (IOException e) {
            throw UpstreamErrors.brokenBeforeAnswer(attempt, e);
        }
    }

    private static byte[] readBounded(UpstreamResponse response) throws IOException {
        try (InputStream in = response.body()) {
            return in.readNBytes(MAX_ERROR_BODY);
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

    /**
     * Relays a 2xx answer. Until its first byte reaches the client, an upstream failure is still an
     * {@link AttemptFailure}; after it, the client sees the cut and the failure is returned for the health record.
     */
    private static Optional<Failure> relay(Attempt attempt, UpstreamResponse response) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (!DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> headers.add(new SimpleEntry<>(name, v)));
            }
        });
        ClientResponse client = attempt.response();
        UsageTap tap = new UsageTap(response.isEventStream());
        byte[] buf = new byte[READ_BUFFER];
        InputStream in = response.body();
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException upstreamBroke) {
                if (!client.isStarted()) {
                    throw upstreamBroke;
                }
                return Optional.of(endBrokenStream(attempt, response, upstreamBroke));
            }
            if (n < 0) {
                break;
            }
            if (n == 0) {
                continue;
            }
            if (!client.isStarted()) {
                client.start(response.status(), headers);
                attempt.listener().firstByte();
            }
            try {
                client.body().write(buf, 0, n);
                client.flush();
            } catch (IOException clientGone) {
                attempt.cancellation().cancel(MessagesPipeline.CLIENT_LEFT);
                return Optional.empty();
            }
            tap.feed(buf, 0, n);
        }
        if (!client.isStarted()) {
            client.start(response.status(), headers);
        }
        attempt.listener().completed(response.status(), tap.usage());
        return Optional.empty();
    }

    /** Ends a relayed stream whose upstream broke: an {@code error} event after whatever was cut off, then nothing. */
    private static Failure endBrokenStream(Attempt attempt, UpstreamResponse response, IOException e) {
        SseEvent error = UpstreamErrors.brokenStreamEvent(attempt, e);
        if (response.isEventStream()) {
            try {
                // A blank line first ends an event the break may have cut in half.
                attempt.response().body().write("\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                attempt.response().body().write(SseWriter.encode(error));
                attempt.response().flush();
            } catch (IOException clientGone) {
                attempt.cancellation().cancel(MessagesPipeline.CLIENT_LEFT);
            }
        }
        return Failure.of(FailureKind.BROKEN_STREAM, error.data());
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
