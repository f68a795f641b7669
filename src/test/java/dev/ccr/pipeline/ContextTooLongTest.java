package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's "context length exceeded", in its own words, reaches Claude Code as Anthropic's prompt-too-long error,
 * the wording its automatic compaction waits for; other provider errors keep their own status and message.
 */
class ContextTooLongTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"model\":\"p,m\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void anOpenAiContextLengthErrorBecomesAnthropicsPromptTooLong() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json").body(
                    "{\"error\":{\"message\":\"This model's maximum context length is 65536 tokens. However, you requested "
                            + "70000 tokens (69000 in the messages, 1000 in the completion).\",\"type\":\"invalid_request_error\","
                            + "\"code\":\"context_length_exceeded\"}}").build());

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.at("/error/message").asText()).isEqualTo("prompt is too long: 70000 tokens > 65536 maximum");
        }
    }

    @Test
    void anotherBadRequestKeepsTheProvidersMessage() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"error\":{\"message\":\"temperature must be at most 2\"}}").build());

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                    .startsWith("Error from provider(p,m: 400)").contains("temperature must be at most 2");
        }
    }
}
