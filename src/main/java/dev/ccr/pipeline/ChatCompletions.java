package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.resilience.Failure;
import dev.ccr.resilience.FailureKind;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderHttpException;
import dev.ccr.transform.ProviderInfo;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformContext;
import dev.ccr.transform.TransformerChain;
import dev.ccr.transform.TransformerException;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.upstream.UpstreamException;
import dev.ccr.upstream.UpstreamRequest;
import dev.ccr.upstream.UpstreamResponse;
import dev.ccr.usage.Usage;
import dev.ccr.wire.WireException;
import dev.ccr.wire.anthropic.MessageAsEvents;
import dev.ccr.wire.openai.AnthropicToChatRequest;
import dev.ccr.wire.openai.ChatRequestOptions;
import dev.ccr.wire.openai.ChatToAnthropicResponse;
import dev.ccr.wire.openai.ChatToAnthropicStream;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Speaks OpenAI chat completions to a provider: the Anthropic request is converted (spec §4.1), passed through the
 * provider's transformer chain, sent, and the answer converted back, a stream event by event as each network read
 * arrives (§4.3), a JSON answer whole (§4.2).
 *
 * <p>Failures before the first event reaches the client are thrown as {@link AttemptFailure}s, so another candidate
 * can be tried or the client gets a plain HTTP error with the upstream's status; after it, the stream ends with an
 * {@code error} event and nothing more.
 */
final class ChatCompletions implements Dialect {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ_BUFFER = 16 * 1024;
    /** Upstream error bodies beyond this are cut; the client gets enough to act on. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final UpstreamClient upstream;
    private final ProviderChains chains;
    private final ScheduledExecutorService timer;
    private final Duration pingInterval;
    private final java.time.Clock clock;

    ChatCompletions(UpstreamClient upstream, ProviderChains chains, ScheduledExecutorService timer, Duration pingInterval,
                    java.time.Clock clock) {
        this.upstream = upstream;
        this.chains = chains;
        this.clock = clock;
        this.timer = timer;
        this.pingInterval = pingInterval;
    }

    @Override
    public Optional<Failure> forward(Attempt attempt) {
        ObjectNode anthropic = attempt.body().deepCopy();
        anthropic.put("model", attempt.target().model());
        ProviderRequest request = new ProviderRequest(attempt.provider().apiBaseUrl(), headers(attempt),
                AnthropicToChatRequest.convert(anthropic, ChatRequestOptions.defaults()), attempt.timeouts().total());

        ProviderResponse response;
        try {
            response = TransformerChain.run(chains.forAttempt(attempt), request, context(attempt), r -> send(attempt, r));
        } catch (ProviderHttpException e) {
            throw UpstreamErrors.httpStatus(attempt, e.status(), e.body(), UpstreamErrors.retryAfter(e.retryAfter(), clock));
        } catch (TransformerException e) {
            // A plugin failed, not the provider: the client gets the plugin's error, and no other candidate is tried.
            throw ApiError.internal(e.getMessage()).exception();
        } catch (UpstreamException e) {
            throw UpstreamErrors.beforeAnswer(attempt, e);
        } catch (IOException e) {
            throw UpstreamErrors.brokenBeforeAnswer(attempt, e);
        }
        try (InputStream body = response.body()) {
            if (!attempt.streaming()) {
                json(attempt, response);
                return Optional.empty();
            }
            if (response.isEventStream()) {
                return stream(attempt, body);
            }
            jsonAsStream(attempt, response);
            return Optional.empty();
        } catch (IOException e) {
            throw UpstreamErrors.brokenBeforeAnswer(attempt, e);
        }
    }

    /** The provider call at the end of the transformer chain. */
    private ProviderResponse send(Attempt attempt, ProviderRequest request) throws IOException {
        byte[] body = JSON.writeValueAsBytes(request.body());
        UpstreamResponse response = upstream.send(new UpstreamRequest(request.url(), request.headers().entries(), body),
                attempt.timeouts().withTotal(request.timeout()), attempt.cancellation());
        if (!response.isSuccess()) {
            byte[] error = readError(response);
            response.close();
            throw new ProviderHttpException(response.status(), error, response.headers().firstValue("retry-after"));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        return new ProviderResponse(response.status(), new HeaderList(headers), response.body());
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

    private static void json(Attempt attempt, ProviderResponse response) throws IOException {
        ObjectNode message = toMessage(attempt, response.readAll());
        byte[] bytes = JSON.writeValueAsBytes(message);
        attempt.response().start(200, List.of(Map.entry("Content-Type", "application/json")));
        attempt.listener().firstByte();
        try {
            attempt.response().body().write(bytes);
            attempt.response().flush();
        } catch (IOException clientGone) {
            // As in the streaming paths: the attempt ends, and the pipeline records a client that left (499).
            attempt.cancellation().cancel(MessagesPipeline.CLIENT_LEFT);
            return;
        }
        attempt.listener().completed(200, Usage.fromAnthropic(message.path("usage")));
    }

    /** Converts a chat completion; a 200 whose body is an error or not a completion is the provider's failure. */
    private static ObjectNode toMessage(Attempt attempt, byte[] body) {
        JsonNode completion;
        try {
            completion = JSON.readTree(body);
        } catch (IOException e) {
            completion = null;
        }
        if (completion == null || !completion.isObject() || completion.hasNonNull("error")) {
            throw UpstreamErrors.badAnswer(attempt, body);
        }
        try {
            return ChatToAnthropicResponse.convert((ObjectNode) completion);
        } catch (WireException e) {
            throw UpstreamErrors.badAnswer(attempt, body);
        }
    }

    /** A provider that answered a streaming request with JSON: its message is replayed as events. */
    private void jsonAsStream(Attempt attempt, ProviderResponse response) throws IOException {
        ObjectNode message = toMessage(attempt, response.readAll());
        try (EventStreamWriter out = new EventStreamWriter(attempt.response(), attempt.listener(), timer, Duration.ZERO)) {
            MessageAsEvents.of(message).forEach(out::emit);
            out.flush();
            attempt.listener().completed(200, out.usage());
        } catch (ClientGoneException e) {
            attempt.cancellation().cancel(MessagesPipeline.CLIENT_LEFT);
        }
    }

    /* --------------- Streaming --------------- */

    private Optional<Failure> stream(Attempt attempt, InputStream in) {
        ChatToAnthropicStream converter = new ChatToAnthropicStream(
                ChatToAnthropicStream.Options.defaults().withEstimatedInputTokens(attempt.estimatedInputTokens()));
        SseParser parser = new SseParser();
        try (EventStreamWriter out = new EventStreamWriter(attempt.response(), attempt.listener(), timer, pingInterval)) {
            converter.atStart(out);
            byte[] buf = new byte[READ_BUFFER];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    for (SseEvent event : parser.feed(buf, 0, n)) {
                        converter.accept(out, event);
                    }
                    out.flush();
                }
                parser.finish().forEach(event -> converter.accept(out, event));
            } catch (IOException e) {
                if (!out.isStarted()) {
                    throw UpstreamErrors.brokenBeforeAnswer(attempt, e);
                }
                SseEvent error = UpstreamErrors.brokenStreamEvent(attempt, e);
                out.emit(error);
                out.flush();
                return Optional.of(Failure.of(FailureKind.BROKEN_STREAM, error.data()));
            }
            converter.atEnd(out);
            out.flush();
            attempt.listener().completed(200, out.usage());
        } catch (ClientGoneException e) {
            attempt.cancellation().cancel(MessagesPipeline.CLIENT_LEFT);
        }
        return Optional.empty();
    }

    private static byte[] readError(UpstreamResponse response) {
        try (InputStream in = response.body()) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return ("(error body unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
