package dev.ccr.acceptance.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claude Code asks {@code max_tokens: 128000} of every model; the provider receives its model's cap instead of
 * answering 400, in both dialects, and {@code POST /api/route/explain} shows the change.
 */
class OutputLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETION = """
            {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":2}}""";
    private static final String CLAUDE_CODE = """
            {"model":"claude-opus-5-5","max_tokens":128000,"stream":false,"thinking":{"type":"adaptive"},
             "messages":[{"role":"user","content":"hi"}]}""";

    @Test
    void aWellKnownModelGetsCcrsFigureForItsCap() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"ds","api_base_url":"%s","api_key":"k","models":["deepseek-chat"]}],
                      "Router":{"default":"ds,deepseek-chat"}}""".formatted(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION).build());

            HttpResponse<String> response = router.post("/v1/messages?beta=true", CLAUDE_CODE);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode sent = JSON.readTree(upstream.takeRequest().getBody().utf8());
            assertThat(sent.get("model").asText()).isEqualTo("deepseek-chat");
            assertThat(sent.get("max_tokens").asLong()).isEqualTo(8_192);
        }
    }

    @Test
    void aCapDeclaredInTheConfigIsWhatTheProviderReceives() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"local","api_base_url":"%s","api_key":"k","models":["my-model"],
                       "limits":{"models":{"my-model":{"maxOutputTokens":4000}}}}],
                      "Router":{"default":"local,my-model"}}""".formatted(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION).build());

            router.post("/v1/messages", CLAUDE_CODE);

            assertThat(JSON.readTree(upstream.takeRequest().getBody().utf8()).get("max_tokens").asLong()).isEqualTo(4_000);
        }
    }

    @Test
    void anAnthropicDialectProviderGetsTheLoweredValueTooAndTheExplanationSaysWhy() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"glm","api_base_url":"%s","api_key":"k","models":["glm-4.5"],
                       "transformer":{"use":["Anthropic"]}}],
                      "Router":{"default":"glm,glm-4.5"}}""".formatted(Upstreams.url(upstream, "/api/anthropic/v1/messages")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .body(AnthropicSamples.MESSAGE).build());

            HttpResponse<String> response = router.post("/v1/messages", CLAUDE_CODE);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(upstream.takeRequest().getBody().utf8()).get("max_tokens").asLong()).isEqualTo(96_000);

            JsonNode explained = JSON.readTree(router.post("/api/route/explain", CLAUDE_CODE).body());
            assertThat(explained.get("target").asText()).isEqualTo("glm,glm-4.5");
            assertThat(explained.get("edits").get(0).asText())
                    .isEqualTo("/max_tokens: lowered from 128000 to 96000, glm,glm-4.5's output cap");
            assertThat(explained.get("trace")).anySatisfy(step -> {
                assertThat(step.get("rule").asText()).isEqualTo("limits");
                assertThat(step.get("reason").asText()).contains("output cap 96000 (ccr's figure for glm-4.5, docs.z.ai)");
            });
        }
    }
}
