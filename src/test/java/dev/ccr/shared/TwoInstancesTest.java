package dev.ccr.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.LocalPostgres;
import dev.ccr.testing.LocalRedis;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.ccr.shared.SharedResilienceTest.within;
import static org.assertj.core.api.Assertions.assertThat;

/** Two real ccr instances pointed at one Redis: what one learns about a provider, the other acts on. */
class TwoInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":7}}""";
    private static final String REQUEST = "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String config(String redis, String failing, String healthy) {
        return """
                {"STATE":{"redis":"%s"},
                 "Providers":[{"name":"bad","api_base_url":"%s","api_key":"k","models":["m"]},
                              {"name":"good","api_base_url":"%s","api_key":"k","models":["m"]}],
                 "Router":{"default":"bad,m"}, "fallback":{"default":["good,m"]}}
                """.formatted(redis, failing, healthy);
    }

    private static String status(RunningRouter router, String provider) throws IOException {
        for (JsonNode state : JSON.readTree(router.get("/api/health").body()).path("states")) {
            if (state.path("provider").asText().equals(provider)) {
                return state.path("status").asText();
            }
        }
        return "unknown";
    }

    @Test
    void aProviderOneInstanceFoundDownIsSkippedByTheOtherWithinASecond() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             MockWebServer bad = Upstreams.mock();
             MockWebServer good = Upstreams.mock()) {
            String config = config(redis.uri(), Upstreams.url(bad, "/v1/chat/completions"),
                    Upstreams.url(good, "/v1/chat/completions"));
            try (RunningRouter a = RunningRouter.start(config); RunningRouter b = RunningRouter.start(config)) {
                for (int i = 0; i < 3; i++) {
                    bad.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"down\"}}").build());
                    good.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
                }
                assertThat(a.post("/v1/messages", REQUEST).statusCode()).isEqualTo(200); // bad failed, good answered

                assertThat(within(Duration.ofSeconds(1), () -> {
                    try {
                        return status(b, "bad").equals("open");
                    } catch (IOException e) {
                        return false;
                    }
                })).as("b sees the circuit a opened").isTrue();
                int badCallsBefore = bad.getRequestCount();
                assertThat(b.post("/v1/messages", REQUEST).statusCode()).isEqualTo(200);
                assertThat(bad.getRequestCount()).as("b did not try the provider a found down").isEqualTo(badCallsBefore);
            }
        }
    }

    @Test
    void aKeysLimitAndTheUsageRecordsAreTheWholeTeams() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             LocalPostgres postgres = LocalPostgres.start();
             MockWebServer upstream = Upstreams.mock()) {
            String config = """
                    {"STATE":{"redis":"%s"}, "USAGE_DB":"%s", "APIKEY":"admin",
                     "CLIENT_KEYS":[{"name":"alice","key":"sk-alice","limits":{"requestsPerMinute":3}}],
                     "Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]}],
                     "Router":{"default":"p,m"}}
                    """.formatted(redis.uri(), postgres.newDatabase(), Upstreams.url(upstream, "/v1/chat/completions"));
            try (RunningRouter a = RunningRouter.start(config); RunningRouter b = RunningRouter.start(config)) {
                for (int i = 0; i < 3; i++) {
                    upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
                }
                assertThat(a.post("/v1/messages", REQUEST, "x-api-key", "sk-alice").statusCode()).isEqualTo(200);
                assertThat(b.post("/v1/messages", REQUEST, "x-api-key", "sk-alice").statusCode()).isEqualTo(200);
                assertThat(a.post("/v1/messages", REQUEST, "x-api-key", "sk-alice").statusCode()).isEqualTo(200);

                int fourth = b.post("/v1/messages", REQUEST, "x-api-key", "sk-alice").statusCode();
                int fifth = a.post("/v1/messages", REQUEST, "x-api-key", "sk-alice").statusCode();

                // Both refused, unless the minute turned between the requests (then the count starts again).
                assertThat(fourth == 429 && fifth == 429 || upstream.getRequestCount() > 3).isTrue();
                // a writes its records after gathering them for up to 100 ms; b's read waits only for its own.
                assertThat(within(Duration.ofSeconds(5), () -> usage(b).path("total").asInt() == upstream.getRequestCount()))
                        .as("b sees every answered request of both instances").isTrue();
                JsonNode seenByB = usage(b);
                assertThat(seenByB.path("total").asInt()).isEqualTo(upstream.getRequestCount());
                assertThat(seenByB.at("/records/0/clientKey").asText()).isEqualTo("alice");
                JsonNode shared = shared(b);
                assertThat(shared.at("/usage/store").asText()).startsWith("postgresql://127.0.0.1:").doesNotContain("user");
                assertThat(shared.at("/usage/reachable").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void withRedisAwayBothInstancesKeepServingAndSayTheyAreDegradedUntilItIsBack() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             MockWebServer upstream = Upstreams.mock()) {
            String config = """
                    {"STATE":{"redis":"%s"}, "APIKEY":"admin",
                     "CLIENT_KEYS":[{"name":"alice","key":"sk-alice","limits":{"requestsPerMinute":100}}],
                     "Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]}],
                     "Router":{"default":"p,m"}}
                    """.formatted(redis.uri(), Upstreams.url(upstream, "/v1/chat/completions"));
            try (RunningRouter a = RunningRouter.start(config); RunningRouter b = RunningRouter.start(config)) {
                assertThat(shared(a).path("degraded").asBoolean()).isFalse();
                assertThat(shared(a).path("where").asText()).isEqualTo("127.0.0.1:" + redis.port() + "/0");

                redis.pause();
                for (RunningRouter router : new RunningRouter[]{a, b}) {
                    upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
                    assertThat(router.post("/v1/messages", REQUEST, "x-api-key", "sk-alice").statusCode()).isEqualTo(200);
                    assertThat(within(Duration.ofSeconds(5), () -> shared(router).path("degraded").asBoolean())).isTrue();
                }

                redis.resume();
                assertThat(within(Duration.ofSeconds(10), () -> !shared(a).path("degraded").asBoolean()
                        && !shared(b).path("degraded").asBoolean())).isTrue();
            }
        }
    }

    /* --------------- Sessions' last usage and quotas --------------- */

    private static final String SESSION = "x-claude-code-session-id";
    /** An answer whose prompt was above the long-context threshold (60000). */
    private static final String LONG_ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":70000,"completion_tokens":7}}""";

    /** A request of some 25000 tokens: long context only for a session whose last answer was long. */
    private static String longRequest() {
        return "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"a" + " a".repeat(25_000)
                + "\"}]}";
    }

    private static String sessionsAndQuotas(String redis, MockWebServer upstream, MockWebServer quota, MockWebServer spare) {
        return """
                {"STATE":{"redis":"%s"}, "APIKEY":"admin", "Quota":{"intervalMinutes":0},
                 "Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","big"],
                               "quota_token":"cookie","quota":{"adapter":"kimi-coding","url":"%s"}},
                              {"name":"spare","api_base_url":"%s","api_key":"k","models":["m"]}],
                 "Router":{"default":"p,m","longContext":"p,big"}, "fallback":{"default":["spare,m"]}}
                """.formatted(redis, Upstreams.url(upstream, "/v1/chat/completions"), Upstreams.url(quota, "/"),
                Upstreams.url(spare, "/v1/chat/completions"));
    }

    /** Where {@code router} would send {@code body} of session S1 first. */
    private static String firstCandidate(RunningRouter router, String body) {
        try {
            return JSON.readTree(router.post("/api/route/explain", body, "x-api-key", "admin", SESSION, "S1").body())
                    .at("/plan/candidates/0/target").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenario {@code router} would route {@code body} of session S1 by. */
    private static String scenario(RunningRouter router, String body) {
        try {
            return JSON.readTree(router.post("/api/route/explain", body, "x-api-key", "admin", SESSION, "S1").body())
                    .path("scenario").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quotaState(RunningRouter router) {
        try {
            return JSON.readTree(router.get("/api/providers/quota", "x-api-key", "admin").body())
                    .at("/providers/0/state").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    /** The kimi-coding answer of a plan whose 5-hour window is used up for two more hours. */
    private static MockResponse spentPlan() {
        Instant reset = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        return json("""
                {"usage": {"limit": "100", "used": "40", "resetTime": "%s"},
                 "limits": [{"window": {"duration": 300}, "detail": {"limit": "100", "used": "100", "resetTime": "%s"}}]}
                """.formatted(reset.plus(3, ChronoUnit.DAYS), reset));
    }

    @Test
    void aSessionsLongAnswerOnOneInstanceSendsItsNextLongRequestToLongContextOnTheOther() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             MockWebServer upstream = Upstreams.mock(); MockWebServer quota = Upstreams.mock(); MockWebServer spare = Upstreams.mock()) {
            String config = sessionsAndQuotas(redis.uri(), upstream, quota, spare);
            try (RunningRouter a = RunningRouter.start(config); RunningRouter b = RunningRouter.start(config)) {
                assertThat(firstCandidate(b, longRequest())).as("a new session's 25000 tokens stay on default").isEqualTo("p,m");

                upstream.enqueue(json(LONG_ANSWER));
                assertThat(a.post("/v1/messages", REQUEST, "x-api-key", "admin", SESSION, "S1").statusCode()).isEqualTo(200);

                assertThat(within(Duration.ofSeconds(1), () -> firstCandidate(b, longRequest()).equals("p,big"))).isTrue();
                upstream.takeRequest();
                upstream.enqueue(json(ANSWER));
                assertThat(b.post("/v1/messages", longRequest(), "x-api-key", "admin", SESSION, "S1").statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(upstream.takeRequest().getBody().utf8()).path("model").asText()).isEqualTo("big");
            }
        }
    }

    @Test
    void aPlanOneInstanceFoundSpentIsSkippedByTheOther() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             MockWebServer upstream = Upstreams.mock(); MockWebServer quota = Upstreams.mock(); MockWebServer spare = Upstreams.mock()) {
            String config = sessionsAndQuotas(redis.uri(), upstream, quota, spare);
            try (RunningRouter a = RunningRouter.start(config); RunningRouter b = RunningRouter.start(config)) {
                quota.enqueue(spentPlan());
                assertThat(a.post("/api/providers/probe", "{\"providerName\": \"p\"}", "x-api-key", "admin").statusCode())
                        .isEqualTo(200);

                assertThat(within(Duration.ofSeconds(1), () -> quotaState(b).equals("exhausted"))).isTrue();
                spare.enqueue(json(ANSWER));
                assertThat(b.post("/v1/messages", REQUEST, "x-api-key", "admin").statusCode()).isEqualTo(200);
                assertThat(upstream.getRequestCount()).as("b never sent work to the spent plan").isZero();
                assertThat(spare.getRequestCount()).isEqualTo(1);
                assertThat(quota.getRequestCount()).as("only a asked the quota endpoint").isEqualTo(1);
            }
        }
    }

    @Test
    void whatOneInstanceLearntOfSessionsAndQuotasWhileRedisWasAwayReachesTheOtherWhenItIsBack() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             MockWebServer upstream = Upstreams.mock(); MockWebServer quota = Upstreams.mock(); MockWebServer spare = Upstreams.mock()) {
            String config = sessionsAndQuotas(redis.uri(), upstream, quota, spare);
            try (RunningRouter a = RunningRouter.start(config); RunningRouter b = RunningRouter.start(config)) {
                redis.pause();
                assertThat(within(Duration.ofSeconds(5), () -> shared(a).path("degraded").asBoolean()
                        && shared(b).path("degraded").asBoolean())).isTrue();

                // 1. While Redis is away, a serves a long session and finds the plan spent: it acts on both itself.
                upstream.enqueue(json(LONG_ANSWER));
                assertThat(a.post("/v1/messages", REQUEST, "x-api-key", "admin", SESSION, "S1").statusCode()).isEqualTo(200);
                quota.enqueue(spentPlan());
                assertThat(a.post("/api/providers/probe", "{\"providerName\": \"p\"}", "x-api-key", "admin").statusCode())
                        .isEqualTo(200);
                assertThat(quotaState(a)).isEqualTo("exhausted");
                assertThat(firstCandidate(a, REQUEST)).isEqualTo("spare,m");
                assertThat(scenario(a, longRequest())).isEqualTo("longContext");

                // 2. b keeps serving on what it knows itself.
                assertThat(quotaState(b)).isEqualTo("untracked");
                upstream.enqueue(json(ANSWER));
                assertThat(b.post("/v1/messages", REQUEST, "x-api-key", "admin").statusCode()).isEqualTo(200);

                // 3. Redis is back (empty): a hands over what it learnt, and b acts on it.
                redis.resume();
                assertThat(within(Duration.ofSeconds(10), () -> quotaState(b).equals("exhausted"))).isTrue();
                // b may read the handed-over state before its own reconnection has finished resynchronising
                assertThat(within(Duration.ofSeconds(10), () -> !shared(b).path("degraded").asBoolean())).isTrue();
                assertThat(scenario(b, longRequest())).isEqualTo("longContext");
                assertThat(firstCandidate(b, REQUEST)).isEqualTo("spare,m");
            }
        }
    }

    private static JsonNode usage(RunningRouter router) {
        try {
            return JSON.readTree(router.get("/api/usage", "x-api-key", "admin").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /api/health}'s {@code shared} object. */
    private static JsonNode shared(RunningRouter router) {
        try {
            return JSON.readTree(router.get("/api/health", "x-api-key", "admin").body()).path("shared");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
