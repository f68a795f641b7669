package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.resilience.Resilience;
import dev.ccr.testing.ControlledSseUpstream;
import dev.ccr.testing.RawUpstream;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fault injection against real local upstreams: a primary {@code p,m} that misbehaves and a fallback {@code q,x}
 * that answers. Each test asserts which upstreams were called, what the client received, and the breaker state.
 */
class FaultInjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM_REQUEST = "{\"model\":\"x\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String FALLBACK_ANSWER = """
            {"id":"q1","model":"x","choices":[{"message":{"role":"assistant","content":"from q"},"finish_reason":"stop"}]}""";

    private MockWebServer fallback;

    @BeforeEach
    void startFallback() {
        fallback = Upstreams.mock();
    }

    @AfterEach
    void stopFallback() {
        fallback.close();
    }

    private RunningRouter router(String primaryUrl, String resilience) {
        return RunningRouter.start("""
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]},
                              {"name":"q","api_base_url":"%s","api_key":"k","models":["x"]}],
                 "Router":{"default":"p,m"}, "fallback":{"default":["q,x"]}, "Resilience":%s}"""
                .formatted(primaryUrl, Upstreams.url(fallback, "/v1/chat/completions"), resilience));
    }

    private void fallbackAnswers(int times) {
        for (int i = 0; i < times; i++) {
            fallback.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(FALLBACK_ANSWER).build());
        }
    }

    private static JsonNode health(RunningRouter router, String model) throws Exception {
        for (JsonNode state : JSON.readTree(router.get("/api/health").body()).path("states")) {
            if ((state.get("provider").asText() + "," + state.get("model").asText()).equals(model)) {
                return state;
            }
        }
        return JSON.createObjectNode().put("status", "closed").put("failureCount", 0);
    }

    private static String text(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).at("/content/0/text").asText();
    }

    @Test
    void a429WithoutRetryAfterFallsOverAtOnceAndCoolsThePrimaryDownFor120s() throws Exception {
        try (MockWebServer primary = Upstreams.mock(); RunningRouter router = router(Upstreams.url(primary, "/v1"), "{}")) {
            primary.enqueue(new MockResponse.Builder().code(429).body("slow down").build());
            fallbackAnswers(1);

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(text(response)).isEqualTo("from q");
            assertThat(primary.getRequestCount()).as("a rate limit is not retried on the same model").isEqualTo(1);
            JsonNode p = health(router, "p,m");
            assertThat(p.get("status").asText()).isEqualTo("open");
            assertThat(Duration.between(Instant.now(), Instant.parse(p.get("rateLimitUntil").asText())).toSeconds())
                    .isCloseTo(120, within(5L));
        }
    }

    @Test
    void a429WithRetryAfterCoolsThePrimaryDownForThatLong() throws Exception {
        try (MockWebServer primary = Upstreams.mock(); RunningRouter router = router(Upstreams.url(primary, "/v1"), "{}")) {
            primary.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("slow down").build());
            fallbackAnswers(1);

            assertThat(text(router.post("/v1/messages", REQUEST))).isEqualTo("from q");
            JsonNode p = health(router, "p,m");
            assertThat(Duration.between(Instant.now(), Instant.parse(p.get("rateLimitUntil").asText())).toSeconds())
                    .isCloseTo(7, within(2L));
        }
    }

    @Test
    void a500IsRetriedOnceThenTheFallbackAnswersAndIsPromoted() throws Exception {
        try (MockWebServer primary = Upstreams.mock(); RunningRouter router = router(Upstreams.url(primary, "/v1"), "{}")) {
            primary.enqueue(new MockResponse.Builder().code(500).body("boom").build());
            primary.enqueue(new MockResponse.Builder().code(500).body("boom").build());
            fallbackAnswers(2);

            assertThat(text(router.post("/v1/messages", REQUEST))).isEqualTo("from q");
            assertThat(primary.getRequestCount()).isEqualTo(2);
            assertThat(health(router, "p,m").get("status").asText()).isEqualTo("open");

            // the next request goes straight to the promoted fallback
            assertThat(text(router.post("/v1/messages", REQUEST))).isEqualTo("from q");
            assertThat(primary.getRequestCount()).isEqualTo(2);
            assertThat(fallback.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void a529WithNoFallbackLeftReachesTheClientWithItsStatus() throws Exception {
        try (MockWebServer primary = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(primary, "/v1")))) {
            primary.enqueue(new MockResponse.Builder().code(529).body("overloaded").build());
            primary.enqueue(new MockResponse.Builder().code(529).body("overloaded").build());

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(529);
            assertThat(JSON.readTree(response.body()).at("/error/type").asText()).isEqualTo("overloaded_error");
            assertThat(primary.getRequestCount()).isEqualTo(2);
            JsonNode p = health(router, "p,m");
            assertThat(p.get("status").asText()).isEqualTo("closed");
            assertThat(p.get("failureCount").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionResetBeforeTheBodyFallsOver() throws Exception {
        try (RawUpstream primary = RawUpstream.resetBeforeAnswer();
             RunningRouter router = router(primary.url("/v1"), "{\"retries\":0}")) {
            fallbackAnswers(1);
            assertThat(text(router.post("/v1/messages", REQUEST))).isEqualTo("from q");
            JsonNode p = health(router, "p,m");
            assertThat(p.get("status").asText()).as("a fallback answered instead, so the primary is opened").isEqualTo("open");
            assertThat(p.get("lastError").asText()).contains("could not reach http://127.0.0.1").contains("Connection reset");
        }
    }

    @Test
    void aResetMidStreamEndsTheStreamWithAnErrorAndNeverFallsOver() throws Exception {
        try (RawUpstream primary = RawUpstream.streamThenReset("data: {\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n");
             RunningRouter router = router(primary.url("/v1"), "{}")) {
            HttpResponse<String> response = router.post("/v1/messages", STREAM_REQUEST);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"text\":\"Hi\"").contains("event: error");
            assertThat(response.body().trim()).endsWith("}");
            assertThat(response.body()).doesNotContain("message_stop");
            assertThat(fallback.getRequestCount()).isZero();
            assertThat(health(router, "p,m").get("failureCount").asInt()).isEqualTo(1);
            JsonNode usage = JSON.readTree(router.get("/api/usage").body());
            assertThat(usage.at("/records/0/status").asText()).isEqualTo("error");
            assertThat(usage.at("/records/0/errorMessage").asText()).contains("the stream broke");
        }
    }

    @Test
    void aSlowFirstByteTimesOutAndFallsOver() throws Exception {
        try (MockWebServer primary = Upstreams.mock();
             RunningRouter router = router(Upstreams.url(primary, "/v1"), "{\"retries\":0,\"firstByteTimeoutMs\":200}")) {
            primary.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                    .bodyDelay(3, TimeUnit.SECONDS).body("data: {\"choices\":[{\"delta\":{\"content\":\"late\"}}]}\n\n").build());
            fallbackAnswers(1);

            HttpResponse<String> response = router.post("/v1/messages", STREAM_REQUEST);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("from q").doesNotContain("late");
            assertThat(health(router, "p,m").get("lastError").asText()).contains("no first byte within 200 ms");
        }
    }

    @Test
    void aStalledStreamEndsWithATimeoutErrorEvent() throws Exception {
        try (ControlledSseUpstream primary = ControlledSseUpstream.stepped(
                "data: {\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n", "");
             RunningRouter router = router(primary.url("/v1"), "{\"idleTimeoutMs\":200}")) {
            HttpResponse<String> response = router.post("/v1/messages", STREAM_REQUEST);

            assertThat(response.body()).contains("\"text\":\"Hi\"").contains("event: error").contains("no data for 200 ms");
            assertThat(fallback.getRequestCount()).isZero();
            assertThat(health(router, "p,m").get("failureCount").asInt()).isEqualTo(1);
            primary.releaseRest();
        }
    }

    @Test
    void aStreamThatKeepsTalkingOutlivesItsIdleLimit() throws Exception {
        String chunk = "data: {\"choices\":[{\"delta\":{\"content\":\"w%d \"}}]}\n\n";
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            body.append(chunk.formatted(i));
        }
        try (MockWebServer primary = Upstreams.mock();
             RunningRouter router = router(Upstreams.url(primary, "/v1"), "{\"retries\":0,\"idleTimeoutMs\":250}")) {
            // One event every 100 ms: 800 ms in all, never 250 ms without a byte.
            primary.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                    .throttleBody(chunk.formatted(0).length(), 100, TimeUnit.MILLISECONDS)
                    .body(body + "data: [DONE]\n\n").build());

            HttpResponse<String> response = router.post("/v1/messages", STREAM_REQUEST);

            assertThat(response.body()).contains("w0").contains("w7").contains("message_stop").doesNotContain("event: error");
            assertThat(fallback.getRequestCount()).isZero();
        }
    }

    @Test
    void aBadRequestIsNotFannedOutAcrossTheChain() throws Exception {
        try (MockWebServer primary = Upstreams.mock(); RunningRouter router = router(Upstreams.url(primary, "/v1"), "{}")) {
            primary.enqueue(new MockResponse.Builder().code(400).body("bad field").build());

            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(primary.getRequestCount()).isEqualTo(1);
            assertThat(fallback.getRequestCount()).isZero();
            assertThat(health(router, "p,m").get("status").asText()).isEqualTo("closed");
        }
    }

    @Test
    void aFamilysOwnFallbackIsTriedBeforeTheTopLevelList() throws Exception {
        try (MockWebServer primary = Upstreams.mock(); MockWebServer other = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]},
                                   {"name":"q","api_base_url":"%s","api_key":"k","models":["x"]},
                                   {"name":"o","api_base_url":"%s","api_key":"k","models":["y"]}],
                      "Router":{"default":"p,m","enableFamilyRouting":true,
                                "families":{"opus":{"default":"p,m","fallback":{"default":["o,y"]}}}},
                      "fallback":{"default":["q,x"]}, "Resilience":{"retries":0}}"""
                     .formatted(Upstreams.url(primary, "/v1"), Upstreams.url(fallback, "/v1"), Upstreams.url(other, "/v1")))) {
            primary.enqueue(new MockResponse.Builder().code(500).body("boom").build());
            other.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(FALLBACK_ANSWER).build());

            HttpResponse<String> response = router.post("/v1/messages",
                    "{\"model\":\"claude-opus-4-8\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(other.getRequestCount()).isEqualTo(1);
            assertThat(fallback.getRequestCount()).isZero();
            JsonNode explained = JSON.readTree(router.post("/api/route/explain",
                    "{\"model\":\"claude-opus-4-8\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body());
            assertThat(explained.get("fallbacks").toString()).isEqualTo("[\"o,y\"]");
        }
    }

    @Test
    void thinkingSignedByOneVendorIsNotSentToAnotherOnFallback() throws Exception {
        try (MockWebServer primary = Upstreams.mock(); MockWebServer other = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"anth","api_base_url":"%s","api_key":"k","models":["claude-up"],"transformer":{"use":["Anthropic"]}},
                                   {"name":"glm","api_base_url":"%s","api_key":"k","models":["glm-5"],"transformer":{"use":["Anthropic"]}}],
                      "Router":{"default":"anth,claude-up"}, "fallback":{"default":["glm,glm-5"]}, "Resilience":{"retries":0}}"""
                     .formatted(Upstreams.url(primary, "/v1/messages"), Upstreams.url(other, "/v1/messages")))) {
            primary.enqueue(new MockResponse.Builder().code(500).body("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}").build());
            other.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(dev.ccr.testing.AnthropicSamples.MESSAGE).build());
            String request = """
                    {"model":"claude-opus-4-8","max_tokens":100,"messages":[
                      {"role":"user","content":"hi"},
                      {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig-from-anthropic"},
                                                      {"type":"redacted_thinking","data":"xyz"},{"type":"text","text":"hello"}]},
                      {"role":"user","content":"again"}]}""";

            assertThat(router.post("/v1/messages", request).statusCode()).isEqualTo(200);

            assertThat(primary.takeRequest().getBody().utf8()).contains("sig-from-anthropic");
            JsonNode sentToOther = JSON.readTree(other.takeRequest().getBody().utf8());
            assertThat(sentToOther.at("/messages/1/content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"hello\"}]");
        }
    }

    @Test
    void aShortRetryAfterIsWaitedOutWhenNoOtherCandidateIsLeft() throws Exception {
        try (MockWebServer primary = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(primary, "/v1")))) {
            primary.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("slow down").build());
            primary.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(FALLBACK_ANSWER).build());

            long started = System.nanoTime();
            HttpResponse<String> response = router.post("/v1/messages", REQUEST);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(primary.getRequestCount()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void aLongRetryAfterIsReturnedToTheClient() throws Exception {
        try (MockWebServer primary = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(primary, "/v1")))) {
            primary.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "60").body("slow down").build());

            assertThat(router.post("/v1/messages", REQUEST).statusCode()).isEqualTo(429);
            assertThat(primary.getRequestCount()).isEqualTo(1);
        }
    }
}
