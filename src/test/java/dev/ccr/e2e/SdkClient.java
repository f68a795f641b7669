package dev.ccr.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.services.blocking.MessageService;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real ccr with one provider ({@code p,m}) at a chat completions URL, and the official Anthropic Java SDK pointed at
 * it as a user would point it at Anthropic: a base URL and a key.
 *
 * <p>The client never retries (the SDK's default is two retries for 429 and 5xx, which would hide the first answer)
 * and validates every response it parses, so a field ccr gets wrong fails the test instead of being read lazily.
 */
record SdkClient(RunningRouter router, AnthropicClient client) implements AutoCloseable {

    static SdkClient forProvider(String chatCompletionsUrl) {
        RunningRouter router = RunningRouter.start(Upstreams.standardConfig(chatCompletionsUrl));
        return new SdkClient(router, AnthropicOkHttpClient.builder()
                .baseUrl(router.uri("").toString())
                .apiKey("test")
                .maxRetries(0)
                .responseValidation(true)
                .timeout(Duration.ofSeconds(20))
                .build());
    }

    MessageService messages() {
        return client.messages();
    }

    /** Sends {@code params} as a streaming call and returns the message the SDK's accumulator makes of it. */
    Message stream(MessageCreateParams params) {
        return stream(params, MessageAccumulator.create(), event -> { });
    }

    /**
     * Sends {@code params} as a streaming call, feeding every event to {@code accumulator} and then to {@code seen},
     * and returns the accumulated message; throws what the SDK throws.
     */
    Message stream(MessageCreateParams params, MessageAccumulator accumulator, Consumer<RawMessageStreamEvent> seen) {
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().map(accumulator::accumulate).forEach(seen);
        }
        return accumulator.message();
    }

    /** A content block's type, for readable assertions on a message's content. */
    static String kind(ContentBlock block) {
        return block.isText() ? "text" : block.isThinking() ? "thinking" : block.isToolUse() ? "tool_use" : block.toString();
    }

    @Override
    public void close() {
        client.close();
        router.close();
    }
}
