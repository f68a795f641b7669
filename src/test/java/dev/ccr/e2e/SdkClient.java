package dev.ccr.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.services.blocking.MessageService;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;

import java.time.Duration;

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

    @Override
    public void close() {
        client.close();
        router.close();
    }
}
