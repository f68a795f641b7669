package dev.ccr.acceptance.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end with built-in transformers: provider and model chains from the config. */
@Tag("ccr-11.58")
class ConfiguredChainsTest {
    private static final String ANSWER = """
            {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""";

    @Test
    void maxtokenFromTheProviderChainCapsTheUpstreamRequest() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"],
                       "transformer":{"use":[["maxtoken",{"max_tokens":8192}]], "m2":{"use":["maxcompletiontokens"]}}}],
                      "Router":{"default":"p,m"}}""".formatted(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());

            assertThat(router.post("/v1/messages", "{\"model\":\"x\",\"max_tokens\":32000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode()).isEqualTo(200);
            var first = new ObjectMapper().readTree(upstream.takeRequest().getBody().utf8());
            assertThat(first.get("max_tokens").asInt()).isEqualTo(8192);

            // item 55: the model-level chain applies only when the routed model is m2
            router.post("/v1/messages", "{\"model\":\"p,m2\",\"max_tokens\":32000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            var second = new ObjectMapper().readTree(upstream.takeRequest().getBody().utf8());
            assertThat(second.has("max_tokens")).isFalse();
            assertThat(second.get("max_completion_tokens").asInt()).isEqualTo(8192);
        }
    }
}
