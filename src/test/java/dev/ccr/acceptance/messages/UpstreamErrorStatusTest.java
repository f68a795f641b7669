package dev.ccr.acceptance.messages;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** An upstream HTTP error keeps its status, for streaming and non-streaming requests alike. */
@Tag("ccr-11.14")
class UpstreamErrorStatusTest {
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void anUpstream429Is429ProviderResponseError(boolean stream) throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().code(429).body("rate").build());
            HttpResponse<String> response = router.post("/v1/messages",
                    "{\"model\":\"x\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.get("type").asText()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
            assertThat(body.at("/error/code").asText()).isEqualTo("provider_response_error");
            assertThat(body.at("/error/message").asText()).startsWith("Error from provider(p,m: 429): rate");
        }
    }
}
