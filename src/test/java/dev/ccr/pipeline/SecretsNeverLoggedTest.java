package dev.ccr.pipeline;

import dev.ccr.resilience.Resilience;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.LogCapture;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets never reach a log line, even at debug, on success and on failure, in both dialects. */
class SecretsNeverLoggedTest {
    private static final String CLIENT_KEY = "ccr-client-secret-1234";
    private static final String PROVIDER_KEY = "sk-provider-secret-5678";

    @Test
    void neitherTheRoutersKeyNorAProvidersKeyIsLogged() throws Exception {
        try (LogCapture log = LogCapture.atDebug("dev.ccr");
             MockWebServer openai = Upstreams.mock(); MockWebServer anthropic = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"APIKEY":"%s","LOG_LEVEL":"debug",
                      "Providers":[{"name":"p","api_base_url":"%s","api_key":"%s","models":["m"]},
                                   {"name":"a","api_base_url":"%s","api_key":"%s","models":["c"],"transformer":{"use":["Anthropic"]}}],
                      "Router":{"default":"p,m"}, "Resilience":{"retries":0}}"""
                     .formatted(CLIENT_KEY, Upstreams.url(openai, "/v1"), PROVIDER_KEY, Upstreams.url(anthropic, "/v1/messages"), PROVIDER_KEY))) {
            openai.enqueue(new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"bad key\"}}").build());
            openai.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                    {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""").build());
            anthropic.enqueue(new MockResponse.Builder().code(500).body("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}").build());
            anthropic.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(AnthropicSamples.MESSAGE).build());

            String auth = "Bearer " + CLIENT_KEY;
            assertThat(router.post("/v1/messages", AnthropicSamples.request("x", false), "Authorization", auth).statusCode()).isEqualTo(401);
            assertThat(router.post("/v1/messages", AnthropicSamples.request("x", false), "Authorization", auth).statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages", AnthropicSamples.request("a,c", true), "Authorization", auth).statusCode()).isEqualTo(500);
            assertThat(router.post("/v1/messages", AnthropicSamples.request("a,c", false), "x-api-key", CLIENT_KEY).statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages", AnthropicSamples.request("x", false), "x-api-key", "wrong").statusCode()).isEqualTo(401);

            assertThat(log.text()).contains("POST /v1/messages").contains("routing:");
            assertThat(log.text()).doesNotContain(CLIENT_KEY).doesNotContain(PROVIDER_KEY);
        }
    }
}
