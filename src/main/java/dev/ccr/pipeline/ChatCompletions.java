package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.ScheduledExecutorService;

/**
 * Speaks OpenAI chat completions to a provider: the Anthropic request is converted (spec §4.1), sent, and the answer
 * converted back, a stream event by event as each network read arrives (§4.3), a JSON answer whole (§4.2).
 *
 * <p>Failures before the first event reach the client are thrown as {@link ApiException}s, so the client gets a
 * plain HTTP error with the upstream's status; after it, the stream ends with an {@code error} event and nothing more.
 */
final class ChatCompletions implements Dialect {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ_BUFFER = 16 * 1024;
    /** Upstream error bodies beyond this are cut; the client gets enough to act on. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final UpstreamClient upstream;
    private final ScheduledExecutorService timer;
    private final Duration pingInterval;

    ChatCompletions(UpstreamClient upstream, ScheduledExecutorService timer, Duration pingInterval) {
        this.upstream = upstream;
        this.timer = timer;
        this.pingInterval = pingInterval;
    }

    @Override
    public void forward(Attempt attempt) {
        ObjectNode anthropic = attempt.body().deepCopy();
        anthropic.put("model", attempt.target().model());
        ObjectNode chat = AnthropicToChatRequest.convert(anthropic, ChatRequestOptions.defaults());

        UpstreamResponse response;
        try {
            response = upstream.send(request(attempt, chat), attempt.config().apiTimeout(), attempt.cancellation());
        } catch (UpstreamException e) {
            throw UpstreamErrors.beforeAnswer(attempt, e).exception();
        }
        try (response) {
            if (!response.isSuccess()) {
                throw UpstreamErrors.httpStatus(attempt, response.status(), readError(response)).exception();
            }
            if (!attempt.streaming()) {
                json(attempt, response);
            } else if (response.isEventStream()) {
                stream(attempt, response);
            } else {
                jsonAsStream(attempt, response);
            }
        } catch (IOException e) {
            throw UpstreamErrors.brokenBeforeAnswer(attempt, e).exception();
        }
    }

    private static UpstreamRequest request(Attempt attempt, ObjectNode chat) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/json"));
        String key = attempt.provider().apiKey();
        if (!key.isEmpty()) {
            headers.add(Map.entry("Authorization", "Bearer " + key));
        }
        try {
            return new UpstreamRequest(attempt.provider().apiBaseUrl(), headers, JSON.writeValueAsBytes(chat));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /* --------------- Non-streaming --------------- */

    private static void json(Attempt attempt, UpstreamResponse response) throws IOException {
        ObjectNode message = toMessage(attempt, response.readAll());
        byte[] bytes = JSON.writeValueAsBytes(message);
        attempt.response().start(200, List.of(Map.entry("Content-Type", "application/json")));
        attempt.listener().firstByte();
        try {
            attempt.response().body().write(bytes);
            attempt.response().flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
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
            throw UpstreamErrors.badAnswer(attempt, body).exception();
        }
        try {
            return ChatToAnthropicResponse.convert((ObjectNode) completion);
        } catch (WireException e) {
            throw UpstreamErrors.badAnswer(attempt, body).exception();
        }
    }

    /** A provider that answered a streaming request with JSON: its message is replayed as events. */
    private void jsonAsStream(Attempt attempt, UpstreamResponse response) throws IOException {
        ObjectNode message = toMessage(attempt, response.readAll());
        try (EventStreamWriter out = new EventStreamWriter(attempt.response(), attempt.listener(), timer, Duration.ZERO)) {
            MessageAsEvents.of(message).forEach(out::emit);
            out.flush();
            attempt.listener().completed(200, out.usage());
        } catch (ClientGoneException e) {
            attempt.cancellation().cancel("client disconnected");
        }
    }

    /* --------------- Streaming --------------- */

    private void stream(Attempt attempt, UpstreamResponse response) {
        ChatToAnthropicStream converter = new ChatToAnthropicStream(
                ChatToAnthropicStream.Options.defaults().withEstimatedInputTokens(attempt.estimatedInputTokens()));
        SseParser parser = new SseParser();
        try (EventStreamWriter out = new EventStreamWriter(attempt.response(), attempt.listener(), timer, pingInterval)) {
            converter.atStart(out);
            byte[] buf = new byte[READ_BUFFER];
            InputStream in = response.body();
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
                    throw UpstreamErrors.brokenBeforeAnswer(attempt, e).exception();
                }
                out.emit(UpstreamErrors.brokenStreamEvent(attempt, e));
                out.flush();
                attempt.listener().completed(200, out.usage());
                return;
            }
            converter.atEnd(out);
            out.flush();
            attempt.listener().completed(200, out.usage());
        } catch (ClientGoneException e) {
            attempt.cancellation().cancel("client disconnected");
        }
    }

    private static byte[] readError(UpstreamResponse response) {
        try (InputStream in = response.body()) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return ("(error body unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
