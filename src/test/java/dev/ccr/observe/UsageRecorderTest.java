package dev.ccr.observe;

import dev.ccr.client.ApiError;
import dev.ccr.client.ClientRequest;
import dev.ccr.resilience.ModelRef;
import dev.ccr.resilience.Plan;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.SessionId;
import dev.ccr.routing.Target;
import dev.ccr.testing.MutableClock;
import dev.ccr.usage.AttemptNote;
import dev.ccr.usage.JdbcUsageStore;
import dev.ccr.usage.Usage;
import dev.ccr.usage.UsageFilter;
import dev.ccr.usage.UsageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener that turns one request's events into usage records, timed by an injected clock. */
class UsageRecorderTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private JdbcUsageStore store;

    @AfterEach
    void close() {
        store.close();
    }

    private RequestListener listener(String body, String... headers) {
        store = JdbcUsageStore.openSqlite(dir.resolve("usage.sqlite"), Optional.empty(), clock, java.time.Duration.ZERO);
        RequestListener listener = UsageRecorder.factory(clock, store).create(new ClientRequest() {
            public String method() {
                return "POST";
            }

            public String path() {
                return "/v1/messages";
            }

            public List<Map.Entry<String, String>> headers() {
                List<Map.Entry<String, String>> list = new java.util.ArrayList<>();
                for (int i = 0; i < headers.length; i += 2) {
                    list.add(Map.entry(headers[i], headers[i + 1]));
                }
                return list;
            }

            public byte[] body() {
                return body.getBytes(StandardCharsets.UTF_8);
            }

            public void onDisconnect(Runnable action) {
            }
        });
        try {
            listener.bodyParsed((com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return listener;
    }

    private static RouteDecision routed(String provider, String model) {
        return new RouteDecision(Optional.of(new Target(provider, model)), "think",
                List.of(new dev.ccr.routing.TraceStep("think", true, "thinking is on")), List.of(),
                Optional.of(new SessionId("sess-1", "metadata")), Optional.of("-home-u-proj"), 12, List.of());
    }

    @Test
    void aStreamedSuccessIsOneRecordWithTtftAndSpeed() {
        RequestListener l = listener("{\"messages\":[{\"role\":\"user\",\"content\":\"secret\"}],\"model\":\"claude-x\",\"stream\":true}");
        l.routeDecided(routed("p", "m"));
        l.attemptStarted(new Target("p", "m"));
        clock.advance(Duration.ofMillis(300));
        l.firstByte();
        clock.advance(Duration.ofMillis(3700));
        l.completed(200, new Usage(10, 80, 2, 1));

        List<UsageRecord> records = store.records(UsageFilter.ALL);
        assertThat(records).hasSize(1);
        UsageRecord r = records.getFirst();
        assertThat(r.provider()).isEqualTo("p");
        assertThat(r.model()).isEqualTo("m");
        assertThat(r.originalModel()).isEqualTo("claude-x");
        assertThat(r.scenarioType()).isEqualTo("think");
        assertThat(r.sessionId()).contains("sess-1");
        assertThat(r.project()).contains("-home-u-proj");
        assertThat(r.stream()).isTrue();
        assertThat(r.usage()).isEqualTo(new Usage(10, 80, 2, 1));
        assertThat(r.ttft()).hasValue(300);
        assertThat(r.durationMs()).isEqualTo(4000);
        assertThat(r.tokensPerSecond()).hasValue(22); // round(80 / 3.7 = 21.6)
        assertThat(r.status()).isEqualTo(UsageRecord.Status.SUCCESS);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.rule()).contains("think");
        assertThat(r.clientType()).isEqualTo("api");
        assertThat(r.attempts()).isEmpty();
        assertThat(r.toJson().toString()).doesNotContain("secret");
    }

    @Test
    void aFailedAttemptFollowedByAFallbackIsItsOwnErrorRecord() {
        RequestListener l = listener("{\"model\":\"claude-x\"}");
        l.routeDecided(routed("p", "m"));
        l.planned(new Plan(List.of(), List.of(new Plan.Skipped(new ModelRef("r", "z"), "circuit open"))));
        l.attemptStarted(new Target("p", "m"));
        clock.advance(Duration.ofMillis(50));
        l.attemptFailed(new Target("p", "m"), ApiError.upstream(503, "unavailable", null));
        l.attemptStarted(new Target("q", "x"));
        clock.advance(Duration.ofMillis(100));
        l.firstByte();
        l.completed(200, new Usage(1, 2, 0, 0));

        List<UsageRecord> records = store.records(UsageFilter.ALL);
        assertThat(records).extracting(UsageRecord::provider).containsExactly("p", "q");
        assertThat(records.get(0).status()).isEqualTo(UsageRecord.Status.ERROR);
        assertThat(records.get(0).durationMs()).isEqualTo(50);
        assertThat(records.get(0).errorMessage()).contains("503 unavailable");
        assertThat(records.get(1).status()).isEqualTo(UsageRecord.Status.SUCCESS);
        assertThat(records.get(1).durationMs()).isEqualTo(150);
        assertThat(records.get(1).ttft()).hasValue(150);
        assertThat(records.get(1).attempts()).containsExactly(
                AttemptNote.skipped("r", "z", "circuit open"),
                AttemptNote.failed("p", "m", 503, "api_error", "unavailable"));
    }

    @Test
    void theClientIsReadFromTheUserAgentOrTheSessionItAnnounces() {
        RequestListener codex = listener("{\"model\":\"gpt\"}", "user-agent", "codex_cli_rs/0.50");
        codex.completed(200, Usage.NONE);
        assertThat(store.records(UsageFilter.ALL).getFirst().clientType()).isEqualTo("codex");
        store.close();

        RequestListener claude = listener("{\"model\":\"c\",\"metadata\":{\"user_id\":\"u\"}}", "user-agent", "node");
        claude.completed(200, Usage.NONE);
        assertThat(store.records(UsageFilter.ALL).getLast().clientType()).isEqualTo("claude-code");
    }

    @Test
    void aRequestThatFailsForGoodIsOneErrorRecordForItsLastTarget() {
        RequestListener l = listener("{\"model\":\"claude-x\"}");
        l.routeDecided(routed("p", "m"));
        l.attemptStarted(new Target("p", "m"));
        clock.advance(Duration.ofMillis(20));
        l.attemptFailed(new Target("p", "m"), ApiError.upstream(400, "bad", null));
        l.failed(ApiError.upstream(400, "bad", null));

        List<UsageRecord> records = store.records(UsageFilter.ALL);
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().status()).isEqualTo(UsageRecord.Status.ERROR);
        assertThat(records.getFirst().provider()).isEqualTo("p");
        assertThat(records.getFirst().durationMs()).isEqualTo(20);
        assertThat(records.getFirst().ttft()).isEmpty();
        assertThat(records.getFirst().tokensPerSecond()).isEmpty();
        assertThat(records.getFirst().httpStatus()).isEqualTo(400);
        assertThat(records.getFirst().errorType()).contains("invalid_request_error");
        assertThat(records.getFirst().attempts()).isEmpty(); // the failed attempt is the record itself
    }
}
