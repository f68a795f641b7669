package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderHttpException;
import dev.ccr.transform.ProviderInfo;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformContext;
import dev.ccr.transform.TransformerChain;
import dev.ccr.transform.TransformerException;
import dev.ccr.upstream.RetryAfter;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.upstream.UpstreamException;
import dev.ccr.upstream.UpstreamRequest;
import dev.ccr.upstream.UpstreamResponse;
import dev.ccr.usage.Usage;
import dev.ccr.wire.JsonBytes;
import dev.ccr.wire.SseConversion;
import dev.ccr.wire.WireException;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.anthropic.MessageAsEvents;
import dev.ccr.wire.openai.AnthropicToChatRequest;
import dev.ccr.wire.openai.ChatRequestOptions;
import dev.ccr.wire.openai.ChatToAnthropicResponse;
import dev.ccr.wire.openai.ChatToAnthropicStream;
import dev.ccr.wire.sse.SseEvent;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Speaks OpenAI chat completions to a provider: the Anthropic request is converted
 * (docs/compatibility.md#wire-conversion-anthropic--openai-chat-completions), passed through the provider's transformer
 * chain, sent, and the answer converted back, a stream event by event as each network read arrives (§4.3), a JSON
 * answer whole (§4.2).
 *
 * <p>Failures before the first event reaches the client are {@link AttemptOutcome.Failed}, so another candidate can
 * be tried or the client gets a plain HTTP error with the upstream's status; after it, the stream ends with an
 * {@code error} event and nothing more ({@link Relay}).
 */
final class ChatCompletions implements Dialect {
    private static final ObjectMapper JSON = WireJson.MAPPER;

    private final UpstreamClient upstream;
    private final ProviderChains chains;
    private final ScheduledExecutorService timer;
    private final Duration pingInterval;
    private final Clock clock;

    ChatCompletions(UpstreamClient upstream, ProviderChains chains, ScheduledExecutorService timer, Duration pingInterval,
                    Clock clock) {
        this.upstream = upstream;
        this.chains = chains;
        this.clock = clock;
        this.timer = timer;
        this.pingInterval = pingInterval;
    }

    @Override
    public AttemptOutcome forward(Attempt attempt) {
        // The conversion reads its input and shares none of its containers with the output, so only the top level,
        // where the model is set, needs a copy of its own.
        ObjectNode anthropic = attempt.body().objectNode().setAll(attempt.body());
        anthropic.put("model", attempt.target().model());
        ProviderRequest request = new ProviderRequest(attempt.provider().apiBaseUrl(), headers(attempt),
                AnthropicToChatRequest.convert(anthropic, ChatRequestOptions.defaults()), attempt.timeouts().total());

        ProviderResponse response;
        try {
            response = TransformerChain.run(chains.forAttempt(attempt), request, context(attempt), r -> send(attempt, r));
        } catch (ProviderHttpException e) {
            return UpstreamErrors.httpStatus(attempt, e.status(), e.body(), RetryAfter.parse(e.retryAfter(), clock));
        } catch (TransformerException e) {
            // A plugin failed, not the provider: the client gets the plugin's error, and no other candidate is tried.
            throw ApiError.internal(e.getMessage()).exception();
        } catch (UpstreamException e) {
            return UpstreamErrors.beforeAnswer(attempt, e);
        } catch (IOException e) {
            return UpstreamErrors.brokenBeforeAnswer(attempt, e);
        }
        try (InputStream body = response.body()) {
            if (!attempt.streaming()) {
                return json(attempt, response);
            }
            if (response.isEventStream()) {
                return Relay.run(attempt, body, new ConvertedEvents(attempt, timer, pingInterval, clock));
            }
            return jsonAsStream(attempt, response);
        } catch (IOException e) {
            return UpstreamErrors.brokenBeforeAnswer(attempt, e);
        }
    }

    /** The provider call at the end of the transformer chain. */
    private ProviderResponse send(Attempt attempt, ProviderRequest request) throws IOException {
        JsonBytes body = JsonBytes.of(request.body(), attempt.request().body().length);
        UpstreamResponse response = upstream.send(
                new UpstreamRequest(request.url(), request.headers().entries(), body.array(), body.length()),
                attempt.timeouts().withTotal(request.timeout()), attempt.cancellation());
        if (!response.isSuccess()) {
            throw new ProviderHttpException(response.status(), readError(response), response.headers().firstValue("retry-after"));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        return new ProviderResponse(response.status(), new HeaderList(headers), response.body());
    }

    private static byte[] readError(UpstreamResponse response) {
        try {
            return Relay.readError(response.body());
        } catch (IOException e) {
            return ("(error body unreadable: " + e.getMessage() + ")").getBytes(UTF_8);
        }
    }

    private static HeaderList headers(Attempt attempt) {
        HeaderList headers = HeaderList.EMPTY.with("Content-Type", "application/json");
        String key = attempt.provider().apiKey();
        return key.isEmpty() ? headers : headers.with("Authorization", "Bearer " + key);
    }

    private static TransformContext context(Attempt attempt) {
        var provider = attempt.provider();
        return new TransformContext(new ProviderInfo(provider.name(), provider.apiBaseUrl(), provider.apiKey(), provider.models()),
                attempt.target().model(), attempt.scenario(), attempt.body(), attempt.request().headerMap());
    }

    /* --------------- Non-streaming --------------- */

    private static AttemptOutcome json(Attempt attempt, ProviderResponse response) throws IOException {
        byte[] answer = response.readAll();
        Optional<ObjectNode> message = toMessage(answer);
        if (message.isEmpty()) {
            return UpstreamErrors.badAnswer(attempt, answer);
        }
        byte[] bytes = JSON.writeValueAsBytes(message.get());
        attempt.response().start(200, List.of(Map.entry("Content-Type", "application/json")));
        attempt.listener().firstByte();
        try {
            attempt.response().body().write(bytes);
            attempt.response().flush();
        } catch (IOException clientGone) {
            return Relay.clientLeft(attempt);
        }
        attempt.listener().completed(200, Usage.fromAnthropic(message.get().path("usage")));
        return AttemptOutcome.ANSWERED;
    }

    /** Converts a chat completion; empty when a 200's body is an error or not a completion (the provider's failure). */
    private static Optional<ObjectNode> toMessage(byte[] body) {
        JsonNode completion;
        try {
            completion = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (completion == null || !completion.isObject() || completion.hasNonNull("error")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ChatToAnthropicResponse.convert((ObjectNode) completion));
        } catch (WireException e) {
            return Optional.empty();
        }
    }

    /** A provider that answered a streaming request with JSON: its message is replayed as events. */
    private AttemptOutcome jsonAsStream(Attempt attempt, ProviderResponse response) throws IOException {
        byte[] answer = response.readAll();
        Optional<ObjectNode> message = toMessage(answer);
        if (message.isEmpty()) {
            return UpstreamErrors.badAnswer(attempt, answer);
        }
        try (EventStreamWriter out = new EventStreamWriter(attempt.response(), attempt.listener(), timer, Duration.ZERO, clock)) {
            MessageAsEvents.of(message.get()).forEach(out::emit);
            out.flush();
            attempt.listener().completed(200, out.usage());
            return AttemptOutcome.ANSWERED;
        } catch (ClientGoneException e) {
            return Relay.clientLeft(attempt);
        }
    }

    /* --------------- Streaming --------------- */

    /** Chat-completion chunks, converted to Anthropic's events as each read completes them, with pings in silences. */
    private static final class ConvertedEvents implements Relay.Sink {
        private final Attempt attempt;
        private final EventStreamWriter out;
        private final SseConversion conversion;

        ConvertedEvents(Attempt attempt, ScheduledExecutorService timer, Duration pingInterval, Clock clock) {
            this.attempt = attempt;
            this.out = new EventStreamWriter(attempt.response(), attempt.listener(), timer, pingInterval, clock);
            this.conversion = new SseConversion(new ChatToAnthropicStream(
                    ChatToAnthropicStream.Options.defaults().withEstimatedInputTokens(attempt.estimatedInputTokens())));
        }

        @Override
        public void write(byte[] bytes, int n) {
            conversion.feed(bytes, n, out);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public boolean started() {
            return out.isStarted();
        }

        @Override
        public void end() {
            conversion.finish(out);
            out.flush();
            attempt.listener().completed(200, out.usage());
        }

        @Override
        public void broke(SseEvent error) {
            out.emit(error);
            out.flush();
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
