package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.LogCapture;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A team's client keys: who may call, on which models, how often; each request attributed to its key by name. */
class ClientKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "sk-alice-0123456789";
    private static final String BOB = "sk-bob-9876543210";
    private static final String ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":7}}""";
    private static final String REQUEST = "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String config(String upstream) {
        return """
                {"APIKEY":"admin-key",
                 "CLIENT_KEYS":[{"name":"alice","key":"$ALICE_KEY","limits":{"requestsPerMinute":2}},
                                {"name":"bob","key":"$BOB_KEY","models":["other,*"]}],
                 "Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]}],
                 "Router":{"default":"p,m"}}
                """.formatted(upstream);
    }

    private static void answer(MockWebServer upstream) {
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
    }

    @Test
    void keysAreAttributedLimitedAndKeptToTheirModelsAndNeverLogged() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             LogCapture log = LogCapture.atDebug("dev.ccr");
             RunningRouter router = RunningRouter.start(config(Upstreams.url(upstream, "/v1/chat/completions")),
                     Map.of("ALICE_KEY", ALICE, "BOB_KEY", BOB))) {
            answer(upstream);
            answer(upstream);

            // 1. alice: two requests a minute, then 429 with retry-after, in Anthropic's shape
            assertThat(router.post("/v1/messages", REQUEST, "x-api-key", ALICE).statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages", REQUEST, "authorization", "Bearer " + ALICE).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = router.post("/v1/messages", REQUEST, "x-api-key", ALICE);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);
            JsonNode error = JSON.readTree(limited.body());
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("rate_limit_error");

            // 2. bob may use only other,*: routed to p,m he is refused, and nothing goes upstream
            HttpResponse<String> refused = router.post("/v1/messages", REQUEST, "x-api-key", BOB);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("permission_error");
            assertThat(upstream.getRequestCount()).isEqualTo(2);

            // 3. client keys call models, not the admin API; a wrong key is refused
            assertThat(router.get("/api/usage", "x-api-key", ALICE).statusCode()).isEqualTo(403);
            assertThat(router.post("/v1/messages", REQUEST, "x-api-key", "sk-alice-012345678").statusCode()).isEqualTo(401);

            // 4. each record and the request counter name the key
            JsonNode records = JSON.readTree(router.get("/api/usage", "x-api-key", "admin-key").body()).path("records");
            assertThat(records).extracting(r -> r.path("clientKey").asText()).containsExactly("bob", "alice", "alice");
            assertThat(router.get("/metrics", "x-api-key", "admin-key").body())
                    .contains("ccr_client_key=\"alice\"");

            assertThat(log.text()).doesNotContain(ALICE).doesNotContain(BOB);
        }
    }
}
