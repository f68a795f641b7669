package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ClientResponse;
import dev.ccr.config.Provider;
import dev.ccr.pipeline.AttemptOutcome.Failed;
import dev.ccr.resilience.Refusals;
import dev.ccr.resilience.Refusals.Refusal;
import dev.ccr.upstream.RetryAfter;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.upstream.UpstreamException;
import dev.ccr.upstream.UpstreamRequest;
import dev.ccr.upstream.UpstreamResponse;
import dev.ccr.wire.JsonBytes;
import dev.ccr.wire.SourceBytes;
import dev.ccr.wire.anthropic.AnthropicCompat;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Speaks to a provider that already talks Anthropic (a chain of only {@code "Anthropic"},
 * docs/compatibility.md#passthrough-use-anthropic): the client's request goes out as sent, with the bare model name and
 * the provider's key, and the answer comes back byte for byte, each network read flushed to the client as it arrives.
 * Usage is read from a tap on the relayed bytes.
 *
 * <p>A server of the dialect that is not Anthropic (DeepSeek, Kimi, GLM, MiniMax…) is sent the request without what
 * it does not take ({@link AnthropicCompat}): the fields and beta flags only Anthropic implements when ccr knows the
 * host, and whatever the provider refused before ({@link Refusals}). When it refuses a field or flag by name, the
 * failure says so, for the attempt loop to remember it and try once more without.
 */
final class AnthropicPassthrough implements Dialect {
    /**
     * Client headers not forwarded: the client's credentials (replaced by the provider's key), and
     * {@code accept-encoding}, so the answer arrives uncompressed and the usage tap can read it.
     */
    private static final Set<String> DROPPED_REQUEST_HEADERS = Set.of("authorization", "x-api-key", "accept-encoding");

    /** Upstream headers not relayed: framing is the server's own, and the body is never re-encoded. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "content-encoding", ":status");
    private static final byte[] BLANK_LINE = {'\n'};
    private static final String ANTHROPIC_BETA = "anthropic-beta";

    private final UpstreamClient upstream;
    private final Clock clock;
    private final Refusals refusals;

    AnthropicPassthrough(UpstreamClient upstream, Clock clock, Refusals refusals) {
        this.upstream = upstream;
        this.clock = clock;
        this.refusals = refusals;
    }

    @Override
    public AttemptOutcome forward(Attempt attempt) {
        AnthropicCompat.Strip strip = stripFor(attempt.provider());
        ObjectNode body = editableCopy(attempt.body(), strip);
        Optional<String> betas = strip.applyTo(body, betaHeader(attempt));
        UpstreamResponse response;
        try {
            response = upstream.send(request(attempt, body, betas), attempt.timeouts(), attempt.cancellation());
        } catch (UpstreamException e) {
            return UpstreamErrors.beforeAnswer(attempt, e);
        }
        try (response) {
            attempt.listener().answerHeaders(attempt.target(), response.headers().map());
            if (!response.isSuccess()) {
                byte[] error = Relay.readError(response.body());
                Failed failed = UpstreamErrors.anthropicStatus(attempt, response.status(), error,
                        RetryAfter.parse(response.headers().firstValue("retry-after"), clock));
                return refused(attempt, response.status(), error, body, betas).map(failed::refusing).orElse(failed);
            }
            return Relay.run(attempt, response.body(), new BytesAsTheyCame(attempt, response));
        } catch (IOException e) {
            return UpstreamErrors.brokenBeforeAnswer(attempt, e);
        }
    }

    /**
     * A copy of what an attempt changes, the top level ({@link #request}) and {@code system} when {@code strip} takes
     * a block out of it, sharing the rest with the request, which no attempt changes: a deep copy of a Claude Code
     * request (77 KB of JSON, twice that of tree) cost more than parsing it, and what is shared is sent as the client's
     * own bytes ({@link SourceBytes}).
     */
    static ObjectNode editableCopy(ObjectNode body, AnthropicCompat.Strip strip) {
        ObjectNode copy = body.objectNode().setAll(body);
        if (strip.billingHeader() && body.get("system") instanceof ArrayNode system) {
            copy.set("system", system.arrayNode().addAll(system));
        }
        return copy;
    }

    /**
     * What {@code provider} is sent without: nothing for Anthropic; for another server of the dialect, what
     * {@link AnthropicCompat} knows of its host plus what it refused before.
     */
    AnthropicCompat.Strip stripFor(Provider provider) {
        if (AnthropicCompat.isAnthropic(provider.apiBaseUrl().toString())) {
            return AnthropicCompat.Strip.NOTHING;
        }
        Refusal refused = refusals.of(provider.name(), provider.apiBaseUrl().toString());
        return AnthropicCompat.forProvider(provider.apiBaseUrl().toString())
                .and(new AnthropicCompat.Strip(refused.fields(), refused.betas(), false));
    }

    /**
     * The fields or beta flags a provider other than Anthropic named in refusing the request, when they were in what
     * it was sent (so going without them changes something).
     */
    private static Optional<Refusal> refused(Attempt attempt, int status, byte[] error, ObjectNode sent,
                                             Optional<String> sentBetas) {
        if (AnthropicCompat.isAnthropic(attempt.provider().apiBaseUrl().toString())) {
            return Optional.empty();
        }
        List<String> flags = sentBetas.map(b -> Arrays.stream(b.split(",")).map(String::trim).toList()).orElse(List.of());
        return AnthropicCompat.learnFrom(status, new String(error, StandardCharsets.UTF_8), sent)
                .map(strip -> new Refusal(strip.fields(), strip.betas().stream().filter(flags::contains)
                        .collect(Collectors.toSet())))
                .filter(refusal -> !refusal.isEmpty());
    }

    /** Every {@code anthropic-beta} value the client sent, as one list. */
    private static Optional<String> betaHeader(Attempt attempt) {
        List<String> values = attempt.request().headers().stream()
                .filter(h -> h.getKey().equals(ANTHROPIC_BETA)).map(Map.Entry::getValue).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    private static UpstreamRequest request(Attempt attempt, ObjectNode body, Optional<String> betas) {
        body.put("model", attempt.target().model());
        if (!body.has("stream")) {
            body.put("stream", false);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : attempt.request().headers()) {
            if (!DROPPED_REQUEST_HEADERS.contains(h.getKey()) && !h.getKey().equals(ANTHROPIC_BETA)) {
                headers.add(h);
            }
        }
        betas.ifPresent(b -> headers.add(new SimpleEntry<>(ANTHROPIC_BETA, b)));
        String key = attempt.provider().apiKey();
        if (!key.isEmpty()) {
            // CCR's Anthropic auth(): x-api-key, plus the default Bearer header every provider call carries.
            headers.add(new SimpleEntry<>("x-api-key", key));
            headers.add(new SimpleEntry<>("Authorization", "Bearer " + key));
        }
        if (attempt.request().header("content-type").isEmpty()) {
            headers.add(new SimpleEntry<>("Content-Type", "application/json"));
        }
        JsonBytes bytes = JsonBytes.of(body, attempt.source(), attempt.request().body().length);
        return new UpstreamRequest(attempt.provider().apiBaseUrl(), headers, bytes.array(), bytes.length());
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
}
