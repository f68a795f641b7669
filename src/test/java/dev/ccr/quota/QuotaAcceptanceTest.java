package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running router with a spent coding plan: the probe API reads it, the route explanation and the usage record say
 * why the provider is skipped, the request goes to the fallback, and no cookie shows anywhere.
 */
class QuotaAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COOKIE = "SECRET-CONSOLE-COOKIE";
    private static final String CHAT_ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":3,"completion_tokens":1}}""";
    private static final String REQUEST = "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String config(MockWebServer quota, MockWebServer plan, MockWebServer spare) {
        return """
                {"Quota": {"intervalMinutes": 0},
                 "Providers": [
                   {"name": "plan", "api_base_url": "%s", "api_key": "sk-plan", "models": ["m"], "quota_token": "%s",
                    "quota": {"adapter": "kimi-coding", "url": "%s"}},
                   {"name": "spare", "api_base_url": "%s", "api_key": "sk-spare", "models": ["m"]}],
                 "Router": {"default": "plan,m"},
                 "fallback": {"default": ["spare,m"]}}
                """.formatted(Upstreams.url(plan, "/v1/chat/completions"), COOKIE, Upstreams.url(quota, "/"),
                Upstreams.url(spare, "/v1/chat/completions"));
    }

    @Test
    void aSpentPlanIsProbedSkippedWithItsReasonAndTheRequestGoesToTheFallback() throws Exception {
        Instant reset = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (MockWebServer quota = Upstreams.mock(); MockWebServer plan = Upstreams.mock(); MockWebServer spare = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(quota, plan, spare))) {
            quota.enqueue(new MockResponse.Builder().body("""
                    {"usage": {"limit": "100", "used": "40", "resetTime": "%s"},
                     "limits": [{"window": {"duration": 300}, "detail": {"limit": "100", "used": "100", "resetTime": "%s"}}]}
                    """.formatted(reset.plus(3, ChronoUnit.DAYS), reset)).build());

            HttpResponse<String> probed = router.post("/api/providers/probe", "{\"providerName\": \"plan\"}");
            assertThat(probed.statusCode()).isEqualTo(200);
            JsonNode entry = JSON.readTree(probed.body()).at("/providers/0");
            assertThat(entry.path("state").asText()).isEqualTo("exhausted");
            assertThat(entry.at("/snapshot/usedDailyBalance").asDouble()).isEqualTo(100);
            assertThat(entry.at("/snapshot/resetTime").asText()).isEqualTo(reset.toString());
            assertThat(quota.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + COOKIE);

            JsonNode explained = JSON.readTree(router.post("/api/route/explain", REQUEST).body());
            assertThat(explained.at("/plan/skipped/0").asText())
                    .isEqualTo("plan,m: quota exhausted: the 5h window is used up until " + reset);
            assertThat(explained.at("/plan/candidates/0/target").asText()).isEqualTo("spare,m");

            spare.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(CHAT_ANSWER).build());
            assertThat(router.post("/v1/messages", REQUEST).statusCode()).isEqualTo(200);
            assertThat(plan.getRequestCount()).isZero();
            assertThat(spare.getRequestCount()).isEqualTo(1);
            JsonNode record = JSON.readTree(router.get("/api/usage").body()).at("/records/0");
            assertThat(record.path("provider").asText()).isEqualTo("spare");
            assertThat(record.toString()).contains("quota exhausted: the 5h window is used up");

            String report = router.get("/api/providers/quota").body();
            JsonNode providers = JSON.readTree(report).path("providers");
            assertThat(providers).hasSize(2);
            assertThat(providers.at("/0/adapter").asText()).isEqualTo("kimi-coding");
            assertThat(providers.at("/0/quotaToken").asBoolean()).isTrue();
            assertThat(providers.at("/1/state").asText()).isEqualTo("untracked");
            assertThat(report).doesNotContain(COOKIE);
            assertThat(router.get("/api/config").body()).doesNotContain(COOKIE);
            assertThat(Files.readString(router.configFile().resolveSibling("runtime").resolve("quota-store.json")))
                    .contains("\"usedDailyBalance\" : 100.0").doesNotContain(COOKIE);
        }
    }

    @Test
    void probingAnUnknownProviderIs404AndABadBodyIs400InAnthropicsShape() throws Exception {
        try (MockWebServer quota = Upstreams.mock(); MockWebServer plan = Upstreams.mock(); MockWebServer spare = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(quota, plan, spare))) {
            HttpResponse<String> missing = router.post("/api/providers/probe", "{\"providerName\": \"nobody\"}");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(missing.body()).at("/error/message").asText()).isEqualTo("Provider 'nobody' not found");
            HttpResponse<String> bad = router.post("/api/providers/probe", "[1]");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).path("type").asText()).isEqualTo("error");
        }
    }

    @Test
    void probingAllReadsEveryProviderWithAnAdapterAndAFailureReadsAsUnknown() throws Exception {
        try (MockWebServer quota = Upstreams.mock(); MockWebServer plan = Upstreams.mock(); MockWebServer spare = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(quota, plan, spare))) {
            quota.enqueue(new MockResponse.Builder().code(401).build());
            JsonNode all = JSON.readTree(router.post("/api/providers/probe", "").body()).path("providers");
            assertThat(all.at("/0/state").asText()).isEqualTo("unknown");
            assertThat(all.at("/0/reason").asText()).contains("HTTP 401");
            assertThat(quota.getRequestCount()).isEqualTo(1);

            spare.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(CHAT_ANSWER).build());
            plan.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(CHAT_ANSWER).build());
            assertThat(router.post("/v1/messages", REQUEST).statusCode()).isEqualTo(200);
            assertThat(plan.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void anAnthropicProvidersRateLimitHeadersAreReadFromItsAnswers() throws Exception {
        try (MockWebServer anthropic = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"claude","api_base_url":"%s","api_key":"k","models":["claude-sonnet-4"],
                       "transformer":{"use":["Anthropic"]}}],"Router":{"default":"claude,claude-sonnet-4"}}
                     """.formatted(Upstreams.url(anthropic, "/v1/messages")))) {
            anthropic.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .addHeader("anthropic-ratelimit-unified-5h-utilization", "0.25")
                    .addHeader("anthropic-ratelimit-unified-5h-reset", "1893456000")
                    .addHeader("anthropic-ratelimit-unified-7d-utilization", "0.5")
                    .body("""
                            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4",
                             "content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn",
                             "usage":{"input_tokens":3,"output_tokens":1}}""").build());
            assertThat(router.post("/v1/messages", REQUEST).statusCode()).isEqualTo(200);

            JsonNode entry = JSON.readTree(router.get("/api/providers/quota").body()).at("/providers/0");
            assertThat(entry.at("/snapshot/source").asText()).isEqualTo("anthropic-headers");
            assertThat(entry.at("/snapshot/usedDailyBalance").asDouble()).isEqualTo(25);
            assertThat(entry.at("/snapshot/resetTime").asText()).isEqualTo("2030-01-01T00:00:00Z");
            assertThat(entry.at("/snapshot/usedBalance").asDouble()).isEqualTo(50);
        }
    }
}
