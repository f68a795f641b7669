package dev.ccr.acceptance.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Fallback lists, and the enableFallback switch. */
class FallbackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String config(MockWebServer p, MockWebServer p2, String router) {
        return """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]},
                              {"name":"p2","api_base_url":"%s","api_key":"k","models":["x"]}],
                 "Router":%s, "fallback":{"default":["p2,x"]}, "Resilience":{"retries":0}}"""
                .formatted(Upstreams.url(p, "/v1"), Upstreams.url(p2, "/v1"), router);
    }

    @Test
    @Tag("ccr-11.39")
    void theFallbackAnswersWhenThePrimaryFails() throws Exception {
        try (MockWebServer p = Upstreams.mock(); MockWebServer p2 = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(p, p2, "{\"default\":\"p,m\"}"))) {
            p.enqueue(new MockResponse.Builder().code(500).body("boom").build());
            p2.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                    {"id":"2","model":"x","choices":[{"message":{"role":"assistant","content":"from p2"},"finish_reason":"stop"}]}""").build());

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/content/0/text").asText()).isEqualTo("from p2");
            assertThat(JSON.readTree(p2.takeRequest().getBody().utf8()).get("model").asText()).isEqualTo("x");
        }
    }

    @Test
    void aFallbackWithALowerOutputCapGetsMaxTokensLoweredToIt() throws Exception {
        String config = """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]},
                              {"name":"p2","api_base_url":"%s","api_key":"k","models":["x"],"limits":{"maxOutputTokens":8192}}],
                 "Router":{"default":"p,m"}, "fallback":{"default":["p2,x"]}, "Resilience":{"retries":0}}""";
        try (MockWebServer p = Upstreams.mock(); MockWebServer p2 = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config.formatted(Upstreams.url(p, "/v1"), Upstreams.url(p2, "/v1")))) {
            p.enqueue(new MockResponse.Builder().code(500).body("boom").build());
            p2.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                    {"id":"2","model":"x","choices":[{"message":{"role":"assistant","content":"from p2"},"finish_reason":"stop"}]}""").build());

            HttpResponse<String> response = router.post("/v1/messages", """
                    {"model":"x","max_tokens":128000,"messages":[{"role":"user","content":"hi"}]}""");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(p.takeRequest().getBody().utf8()).get("max_tokens").asLong()).isEqualTo(128000);
            assertThat(JSON.readTree(p2.takeRequest().getBody().utf8()).get("max_tokens").asLong()).isEqualTo(8192);
        }
    }

    @Test
    @Tag("ccr-11.39")
    void whenEveryCandidateFailsTheClientGetsThePrimarysError() throws Exception {
        try (MockWebServer p = Upstreams.mock(); MockWebServer p2 = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(p, p2, "{\"default\":\"p,m\"}"))) {
            p.enqueue(new MockResponse.Builder().code(500).body("primary boom").build());
            p2.enqueue(new MockResponse.Builder().code(503).body("fallback down").build());

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(response.body()).at("/error/message").asText()).isEqualTo("Error from provider(p,m: 500): primary boom");
            assertThat(p2.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    @Tag("ccr-11.78")
    void enableFallbackFalseTurnsFallingBackOff() throws Exception {
        try (MockWebServer p = Upstreams.mock(); MockWebServer p2 = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(p, p2, "{\"default\":\"p,m\",\"enableFallback\":false}"))) {
            p.enqueue(new MockResponse.Builder().code(500).body("boom").build());

            assertThat(router.post("/v1/messages", REQUEST).statusCode()).isEqualTo(500);
            assertThat(p2.getRequestCount()).isZero();
        }
    }
}
