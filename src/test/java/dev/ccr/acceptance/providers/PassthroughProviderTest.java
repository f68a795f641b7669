package dev.ccr.acceptance.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Passthrough to an Anthropic-dialect provider, keyless providers, the HTTP proxy. */
class PassthroughProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String passthroughConfig(String url, String key) {
        return """
                {"Providers":[{"name":"anth","api_base_url":"%s","api_key":"%s","models":["claude-up"],
                  "transformer":{"use":["Anthropic"]}}],
                 "Router":{"default":"anth,claude-up"}}""".formatted(url, key);
    }

    @Test
    @Tag("ccr-11.57")
    void theUpstreamGetsTheClientsRequestWithTheBareModelAndTheProvidersKey() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(passthroughConfig(Upstreams.url(upstream, "/v1/messages"), "pk"))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .addHeader("request-id", "req_1").body(AnthropicSamples.MESSAGE).build());
            String sent = AnthropicSamples.request("claude-opus-4-8", false);

            HttpResponse<String> response = router.post("/v1/messages?beta=true", sent,
                    "Authorization", "Bearer client-token", "anthropic-version", "2023-06-01",
                    "anthropic-beta", "claude-code-20250219,context-1m-2025-08-07", "x-app", "cli",
                    "Content-Type", "application/json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(AnthropicSamples.MESSAGE);
            assertThat(response.headers().firstValue("request-id")).contains("req_1");

            RecordedRequest received = upstream.takeRequest();
            assertThat(received.getUrl().encodedPath()).isEqualTo("/v1/messages");
            JsonNode expected = JSON.readTree(sent);
            ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("model", "claude-up");
            assertThat(JSON.readTree(received.getBody().utf8())).isEqualTo(expected);
            assertThat(received.getHeaders().get("x-api-key")).isEqualTo("pk");
            assertThat(received.getHeaders().get("authorization")).isEqualTo("Bearer pk");
            assertThat(received.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(received.getHeaders().get("anthropic-beta")).isEqualTo("claude-code-20250219,context-1m-2025-08-07");
            assertThat(received.getHeaders().get("x-app")).isEqualTo("cli");
            assertThat(received.getHeaders().values("authorization")).doesNotContain("Bearer client-token");
        }
    }

    @Test
    @Tag("ccr-11.57")
    void theStreamIsRelayedByteForByteIncludingPings() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(passthroughConfig(Upstreams.url(upstream, "/v1/messages"), "pk"))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .chunkedBody(AnthropicSamples.STREAM, 37).build());

            HttpResponse<byte[]> response = postBytes(router, AnthropicSamples.request("claude-opus-4-8", true));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
            assertThat(response.body()).isEqualTo(AnthropicSamples.STREAM.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    @Tag("ccr-11.51")
    void aProviderWithAnEmptyKeyIsUsedWithoutCredentials() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(passthroughConfig(Upstreams.url(upstream, "/v1/messages"), ""))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(AnthropicSamples.MESSAGE).build());
            assertThat(router.post("/v1/messages", AnthropicSamples.request("x", false)).statusCode()).isEqualTo(200);
            RecordedRequest received = upstream.takeRequest();
            assertThat(received.getHeaders().get("x-api-key")).isNull();
            assertThat(received.getHeaders().get("authorization")).isNull();
            assertThat(router.config().warnings()).anySatisfy(w -> assertThat(w.path()).isEqualTo("Providers[0].api_key"));
        }
    }

    @Test
    @Tag("ccr-11.52")
    void providerRequestsGoThroughTheConfiguredHttpProxy() throws Exception {
        try (MockWebServer proxy = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"PROXY_URL":"http://127.0.0.1:%d",
                      "Providers":[{"name":"anth","api_base_url":"http://provider.example/v1/messages","api_key":"pk",
                        "models":["claude-up"],"transformer":{"use":["Anthropic"]}}],
                      "Router":{"default":"anth,claude-up"}}""".formatted(proxy.getPort()))) {
            proxy.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(AnthropicSamples.MESSAGE).build());
            assertThat(router.post("/v1/messages", AnthropicSamples.request("x", false)).statusCode()).isEqualTo(200);
            RecordedRequest received = proxy.takeRequest();
            assertThat(received.getRequestLine()).isEqualTo("POST http://provider.example/v1/messages HTTP/1.1");
        }
    }

    @Test
    void anUpstreamErrorIsRelayedAsTheProviderSentIt() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(passthroughConfig(Upstreams.url(upstream, "/v1/messages"), "pk"))) {
            String overloaded = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
            for (int i = 0; i < 2; i++) { // the first try and its one retry
                upstream.enqueue(new MockResponse.Builder().code(529).addHeader("Content-Type", "application/json").body(overloaded).build());
            }
            HttpResponse<String> response = router.post("/v1/messages", AnthropicSamples.request("x", true));
            assertThat(response.statusCode()).isEqualTo(529);
            assertThat(response.body()).isEqualTo(overloaded);
            assertThat(upstream.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void anUnreachableProviderIsA502InAnthropicsShape() throws Exception {
        try (RunningRouter router = RunningRouter.start(passthroughConfig("http://127.0.0.1:9/v1/messages", "pk"))) {
            HttpResponse<String> response = router.post("/v1/messages", AnthropicSamples.request("x", true));
            assertThat(response.statusCode()).isEqualTo(502);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("type").asText()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).isEqualTo("api_error");
            assertThat(body.at("/error/message").asText()).startsWith("Error from provider(anth,claude-up): could not reach http://127.0.0.1:9");
            assertThat(body.toString()).doesNotContain("pk").doesNotContain("at java.");
        }
    }

    private static HttpResponse<byte[]> postBytes(RunningRouter router, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(router.uri("/v1/messages?beta=true"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
