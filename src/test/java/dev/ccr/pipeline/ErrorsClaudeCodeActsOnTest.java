package dev.ccr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import java.net.http.HttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Claude Code recovers from a provider's failure by its status, its {@code retry-after} and, for a prompt that is too
 * long, Anthropic's wording: rate limits are 429 {@code rate_limit_error}, overload 529 {@code overloaded_error}, each
 * with the provider's delay; a context-length error in any dialect's words is Anthropic's prompt-too-long; Anthropic's
 * own errors arrive as Anthropic sent them.
 */
class ErrorsClaudeCodeActsOnTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"model\":\"x\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static RunningRouter openAi(MockWebServer upstream) {
        return RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")));
    }

    private static RunningRouter anthropicDialect(MockWebServer proxy, String apiBaseUrl) {
        return RunningRouter.start("""
                {"PROXY_URL":"http://127.0.0.1:%d",
                 "Providers":[{"name":"a","api_base_url":"%s","api_key":"k","models":["m"],
                   "transformer":{"use":["Anthropic"]}}],
                 "Router":{"default":"a,m"}}""".formatted(proxy.getPort(), apiBaseUrl));
    }

    private static MockResponse error(int status, String body, String... headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.body(body).build();
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error");
    }

    /* --------------- Rate limits and overload --------------- */

    @Test
    void aRateLimitIs429WithTheProvidersRetryAfter() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = openAi(upstream)) {
            upstream.enqueue(error(429, "{\"error\":{\"message\":\"slow down\"}}", "Retry-After", "30"));

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("retry-after")).contains("30");
            assertThat(error(response).path("type").asText()).isEqualTo("rate_limit_error");
            assertThat(error(response).path("message").asText()).startsWith("Error from provider(p,m: 429)");
        }
    }

    @Test
    void aDelayWrittenInTheBodyBecomesRetryAfter() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = openAi(upstream)) {
            upstream.enqueue(error(429, "{\"error\":{\"message\":\"Rate limit reached for requests. Please try again in 20s.\"}}"));

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("retry-after")).contains("20");
        }
    }

    @Test
    void anOpenAiProviderSayingItIsOverloadedIs529() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = openAi(upstream)) {
            for (int i = 0; i < 2; i++) { // the first try and its one retry
                upstream.enqueue(error(503, "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\"}}",
                        "Retry-After", "12"));
            }

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(529);
            assertThat(error(response).path("type").asText()).isEqualTo("overloaded_error");
            assertThat(response.headers().firstValue("retry-after")).contains("12");
        }
    }

    @Test
    void aBare503SaysNothingOfLoadAndStays503() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = openAi(upstream)) {
            for (int i = 0; i < 2; i++) {
                upstream.enqueue(error(503, "<html>Service Unavailable</html>"));
            }

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(error(response).path("type").asText()).isEqualTo("api_error");
            assertThat(response.headers().firstValue("retry-after")).isEmpty();
        }
    }

    @Test
    void anthropicsOwnRateLimitIsRelayedAsItCameWithItsRetryAfter() throws Exception {
        try (MockWebServer proxy = Upstreams.mock();
             RunningRouter router = anthropicDialect(proxy, "http://api.anthropic.com/v1/messages")) {
            String limited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                    + "\"message\":\"This request would exceed your organization's rate limit.\"}}";
            proxy.enqueue(error(429, limited, "retry-after", "45"));

            HttpResponse<String> response = router.post("/v1/messages", AnthropicSamples.request("x", true));

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.body()).isEqualTo(limited);
            assertThat(response.headers().firstValue("retry-after")).contains("45");
        }
    }

    /* --------------- Prompt too long, in each dialect's words --------------- */

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            gemini           | /v1beta/models/  | {"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}} | prompt is too long: 1200000 tokens > 1048576 maximum
            openai-responses | /v1/responses    | {"error":{"message":"Your input exceeds the context window of this model. Please adjust your input and try again.","type":"invalid_request_error","code":"context_length_exceeded"}} | prompt is too long:
            """)
    void aContextLengthErrorOfAnotherDialectIsAnthropicsPromptTooLong(String transformer, String path, String body,
                                                                     String message) throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"],
                       "transformer":{"use":["%s"]}}],"Router":{"default":"p,m"}}"""
                     .formatted(Upstreams.url(upstream, path), transformer))) {
            upstream.enqueue(error(400, body));

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response).path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error(response).path("message").asText()).startsWith(message);
        }
    }

    @Test
    void anAnthropicDialectServersOwnContextLengthWordingIsAnthropicsPromptTooLong() throws Exception {
        try (MockWebServer proxy = Upstreams.mock();
             RunningRouter router = anthropicDialect(proxy, "http://api.moonshot.ai/anthropic/v1/messages")) {
            proxy.enqueue(error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"message\":\"Invalid request: Your request exceeded model token limit: 262144\"}}"));

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response).path("message").asText()).isEqualTo("prompt is too long: 262145 tokens > 262144 maximum");
        }
    }

    @Test
    void anAnthropicDialectServersOverloadIs529WithItsRetryAfter() throws Exception {
        try (MockWebServer proxy = Upstreams.mock();
             RunningRouter router = anthropicDialect(proxy, "http://api.deepseek.com/anthropic/v1/messages")) {
            for (int i = 0; i < 2; i++) {
                proxy.enqueue(error(503, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                        + "\"message\":\"Server is busy: the model is at capacity\"}}", "Retry-After", "5"));
            }

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(529);
            assertThat(error(response).path("type").asText()).isEqualTo("overloaded_error");
            assertThat(error(response).path("message").asText()).isEqualTo("Server is busy: the model is at capacity");
            assertThat(response.headers().firstValue("retry-after")).contains("5");
        }
    }
}
