package dev.ccr.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §11 items 15 and 16: unroutable requests fail with CCR's status and code, in Anthropic's error shape. */
class Spec11_15Test {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void item15_anUnknownProviderIs404ProviderNotFound() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]}],
                      "Router":{"default":"nope,m"}}""".formatted(Upstreams.url(upstream, "/v1/chat/completions")))) {
            HttpResponse<String> response = router.post("/v1/messages", AnthropicSamples.request("claude-opus-4-8", false));
            assertThat(response.statusCode()).isEqualTo(404);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("type").asText()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).isEqualTo("not_found_error");
            assertThat(body.at("/error/code").asText()).isEqualTo("provider_not_found");
            assertThat(body.at("/error/message").asText()).isEqualTo("Provider 'nope' not found");
            assertThat(upstream.getRequestCount()).isZero();
        }
    }

    @Test
    void item16_noDefaultAndNoMatchingRuleIs400MissingModel() throws Exception {
        try (RunningRouter router = RunningRouter.start("""
                {"Providers":[{"name":"p","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k","models":["m"]}],
                 "Router":{}}""")) {
            HttpResponse<String> response = router.post("/v1/messages", AnthropicSamples.request("claude-opus-4-8", false));
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(body.at("/error/message").asText()).isEqualTo("Missing model in request body");
        }
    }
}
