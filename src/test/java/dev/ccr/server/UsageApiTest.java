package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.LocalPostgres;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/usage}, {@code /api/usage/summary} and {@code DELETE /api/usage} after real requests through ccr. */
class UsageApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":4}}}""";

    private static String body(String model, String session) {
        return """
                {"model":"%s","messages":[{"role":"user","content":"hi"}],
                 "metadata":{"user_id":"user_abc_account__session_%s"}}""".formatted(model, session);
    }

    private static JsonNode get(RunningRouter router, String path) throws IOException {
        HttpResponse<String> response = router.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void theHistoryIsFilteredPagedSummedAndDeleted() throws Exception {
        historyIsFilteredPagedSummedAndDeleted("");
    }

    @Test
    void theSameHistoryComesFromATeamsPostgresDatabase() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            historyIsFilteredPagedSummedAndDeleted("\"USAGE_DB\":\"" + postgres.newDatabase() + "\",");
        }
    }

    /** Four requests through ccr, then every usage endpoint; {@code settings} opens the config's object. */
    private static void historyIsFilteredPagedSummedAndDeleted(String settings) throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions"))
                     .replaceFirst("\\{", "{" + settings))) {
            for (int i = 0; i < 3; i++) {
                upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
            }
            upstream.enqueue(new MockResponse.Builder().code(429).body("{\"error\":{\"message\":\"slow down\"}}").build());

            router.post("/v1/messages", body("claude-sonnet-4", "aaa"), "user-agent", "claude-cli/2.0.1 (external, cli)");
            router.post("/v1/messages", body("claude-sonnet-4", "aaa"), "user-agent", "claude-cli/2.0.1 (external, cli)");
            router.post("/v1/messages", "{\"model\":\"claude-opus-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "user-agent", "codex_cli_rs/0.50.0");
            assertThat(router.post("/v1/messages", body("claude-haiku-4", "bbb")).statusCode()).isEqualTo(429);

            JsonNode all = get(router, "/api/usage?pageSize=3");
            assertThat(all.path("total").asInt()).isEqualTo(4);
            assertThat(all.path("pageSize").asInt()).isEqualTo(3);
            assertThat(all.path("records")).hasSize(3);
            JsonNode newest = all.at("/records/0");
            assertThat(newest.path("status").asText()).isEqualTo("error");
            assertThat(newest.path("httpStatus").asInt()).isEqualTo(429);
            assertThat(newest.path("errorType").asText()).isEqualTo("rate_limit_error");
            assertThat(newest.path("sessionId").asText()).isEqualTo("bbb");
            assertThat(newest.path("clientType").asText()).isEqualTo("claude-code");
            assertThat(newest.path("rule").asText()).isNotEmpty();
            assertThat(newest.path("attempts").isArray()).isTrue();
            assertThat(get(router, "/api/usage?pageSize=3&page=2").path("records")).hasSize(1);
            assertThat(get(router, "/api/usage?pageSize=3&page=2").at("/records/0/sessionId").asText()).isEqualTo("aaa");

            assertThat(get(router, "/api/usage?status=error").path("total").asInt()).isEqualTo(1);
            assertThat(get(router, "/api/usage?status=success&provider=p").path("total").asInt()).isEqualTo(3);
            assertThat(get(router, "/api/usage?provider=nope").path("total").asInt()).isZero();
            assertThat(get(router, "/api/usage?model=claude-opus-4").path("total").asInt()).isEqualTo(1);
            assertThat(get(router, "/api/usage?model=m").path("total").asInt()).isEqualTo(4);
            assertThat(get(router, "/api/usage?scenario=default").path("total").asInt()).isEqualTo(4);
            assertThat(get(router, "/api/usage?sessionId=aaa").path("total").asInt()).isEqualTo(2);
            assertThat(get(router, "/api/usage?clientType=codex").at("/records/0/originalModel").asText()).isEqualTo("claude-opus-4");
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
            assertThat(get(router, "/api/usage?startDate=" + today + "&endDate=" + today).path("total").asInt()).isEqualTo(4);
            assertThat(get(router, "/api/usage?startDate=" + tomorrow).path("total").asInt()).isZero();
            assertThat(router.get("/api/usage?status=maybe").statusCode()).isEqualTo(400);
            assertThat(router.get("/api/usage?endDate=soon").body()).contains("invalid_request_error");

            JsonNode summary = get(router, "/api/usage/summary");
            assertThat(summary.path("totalRequests").asInt()).isEqualTo(4);
            assertThat(summary.path("successRate").asDouble()).isEqualTo(0.75);
            assertThat(summary.path("totalInputTokens").asLong()).isEqualTo(3 * 8); // 12 prompt tokens, 4 of them cached
            assertThat(summary.path("cacheHitRate").asDouble()).isEqualTo(0.3333);
            assertThat(summary.at("/byProviderModel/p,m/count").asInt()).isEqualTo(4);
            assertThat(summary.at("/byClient/codex/count").asInt()).isEqualTo(1);
            assertThat(summary.at("/byDay/" + today + "/errorCount").asInt()).isEqualTo(1);
            assertThat(get(router, "/api/usage/summary?sessionId=bbb").path("totalRequests").asInt()).isEqualTo(1);
            assertThat(get(router, "/api/usage/live").path("requestsInFlight").asInt()).isZero();

            HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    router.uri("/api/usage?beforeDate=" + tomorrow)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(deleted.body()).path("deleted").asInt()).isEqualTo(4);
            assertThat(get(router, "/api/usage").path("total").asInt()).isZero();
            assertThat(get(router, "/api/usage/summary").path("byDay").isEmpty()).isTrue();
        }
    }

    @Test
    void aFreshInstallAnswersWithWhereToAddAProvider() throws Exception {
        try (RunningRouter router = RunningRouter.start("{}")) {
            HttpResponse<String> response = router.post("/v1/messages", body("claude-sonnet-4", "aaa"));

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.at("/error/message").asText())
                    .contains(router.configFile().toAbsolutePath().toString()).contains("ccr model").contains("ccr ui");
        }
    }
}
