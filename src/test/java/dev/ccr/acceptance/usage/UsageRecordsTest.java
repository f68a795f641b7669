package dev.ccr.acceptance.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code /v1/messages} request appends one usage record (ccr: to data/usage.sqlite), which {@code GET /api/usage}
 * shows with provider, model, originalModel, scenarioType, tokens, durationMs and status; failed attempts are
 * recorded with {@code status: "error"}.
 */
@Tag("ccr-11.80")
class UsageRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":7}}""";

    @Test
    void aSuccessAndAFailureAreBothRecordedAndListedNewestFirst() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
            upstream.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"error\":{\"message\":\"bad thing\"}}").build());

            assertThat(router.post("/v1/messages", "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages", "{\"model\":\"claude-opus-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode()).isEqualTo(400);

            JsonNode usage = JSON.readTree(router.get("/api/usage").body());
            assertThat(usage.path("total").asInt()).isEqualTo(2);
            assertThat(usage.path("page").asInt()).isEqualTo(1);
            assertThat(usage.path("pageSize").asInt()).isEqualTo(50);
            JsonNode failure = usage.at("/records/0");
            JsonNode success = usage.at("/records/1");
            assertThat(success.path("status").asText()).isEqualTo("success");
            assertThat(success.path("provider").asText()).isEqualTo("p");
            assertThat(success.path("model").asText()).isEqualTo("m");
            assertThat(success.path("originalModel").asText()).isEqualTo("claude-sonnet-4");
            assertThat(success.path("scenarioType").asText()).isEqualTo("default");
            assertThat(success.path("inputTokens").asLong()).isEqualTo(12);
            assertThat(success.path("outputTokens").asLong()).isEqualTo(7);
            assertThat(success.path("durationMs").isIntegralNumber()).isTrue();
            assertThat(success.path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(success.path("id").asText()).matches("\\d+-[0-9a-z]{6}");
            assertThat(success.path("stream").asBoolean()).isFalse();

            assertThat(failure.path("status").asText()).isEqualTo("error");
            assertThat(failure.path("provider").asText()).isEqualTo("p");
            assertThat(failure.path("model").asText()).isEqualTo("m");
            assertThat(failure.path("originalModel").asText()).isEqualTo("claude-opus-4");
            assertThat(failure.path("scenarioType").asText()).isEqualTo("default");
            assertThat(failure.path("outputTokens").asLong()).isZero();
            assertThat(failure.path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(failure.path("errorMessage").asText()).startsWith("400");

            JsonNode summary = usage.path("summary");
            assertThat(summary.path("totalRequests").asInt()).isEqualTo(2);
            assertThat(summary.path("successCount").asInt()).isEqualTo(1);
            assertThat(summary.path("errorCount").asInt()).isEqualTo(1);
            assertThat(summary.path("totalInputTokens").asLong()).isEqualTo(12);
            assertThat(summary.at("/byProvider/p/count").asInt()).isEqualTo(2);

            // Filters and the summary endpoint; the file sits next to the config, no bodies in it.
            assertThat(JSON.readTree(router.get("/api/usage?status=error").body()).path("total").asInt()).isEqualTo(1);
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(JSON.readTree(router.get("/api/usage/summary?startDate=" + today).body())
                    .path("totalOutputTokens").asLong()).isEqualTo(7);
            assertThat(JSON.readTree(router.get("/api/usage/summary?status=success").body())
                    .path("totalRequests").asInt()).isEqualTo(1);
            assertThat(router.get("/api/usage?page=0").statusCode()).isEqualTo(400);
            // The database sits next to the config (ccr's successor of the fork's data/usage.jsonl); no bodies in it.
            StringBuilder stored = new StringBuilder();
            for (String name : new String[] {"data/usage.sqlite", "data/usage.sqlite-wal"}) {
                java.nio.file.Path file = router.configFile().resolveSibling(name);
                if (Files.exists(file)) {
                    stored.append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(stored.toString())
                    .contains("claude-opus-4").doesNotContain("\"content\"").doesNotContain("\"k\"");

            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(router.uri("/api/usage")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(router.get("/api/usage").body()).path("total").asInt()).isZero();
        }
    }

    @Test
    void aFailedPrimaryFollowedByAFallbackIsAnErrorRecordOfItsOwn() throws Exception {
        try (MockWebServer primary = Upstreams.mock(); MockWebServer fallback = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]},
                                   {"name":"q","api_base_url":"%s","api_key":"k","models":["x"]}],
                      "Router":{"default":"p,m"}, "fallback":{"default":["q,x"]}, "Resilience":{"retries":0}}"""
                     .formatted(Upstreams.url(primary, "/v1/chat/completions"), Upstreams.url(fallback, "/v1/chat/completions")))) {
            primary.enqueue(new MockResponse.Builder().code(503).body("down").build());
            fallback.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());

            assertThat(router.post("/v1/messages", "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode()).isEqualTo(200);

            JsonNode records = JSON.readTree(router.get("/api/usage").body()).path("records");
            assertThat(records).hasSize(2);
            assertThat(java.util.stream.StreamSupport.stream(records.spliterator(), false).map(r -> r.path("status").asText()))
                    .containsExactlyInAnyOrder("error", "success");
            for (JsonNode r : records) {
                assertThat(r.path("provider").asText()).isEqualTo(r.path("status").asText().equals("error") ? "p" : "q");
                assertThat(r.path("originalModel").asText()).isEqualTo("claude-sonnet-4");
            }
        }
    }
}
