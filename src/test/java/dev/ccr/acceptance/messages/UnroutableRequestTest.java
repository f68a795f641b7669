package dev.ccr.acceptance.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Unroutable requests fail with CCR's status and code, in Anthropic's error shape. */
class UnroutableRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Tag("ccr-11.15")
    void anUnknownProviderIs404ProviderNotFound() throws Exception {
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
    @Tag("ccr-11.16")
    void noDefaultAndNoMatchingRuleIs400MissingModel() throws Exception {
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
