package dev.ccr.usage;

import dev.ccr.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageStoreTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private UsageStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private UsageRecord record(String provider, String model, String scenario, UsageRecord.Status status, long in, long out) {
        Instant now = clock.instant();
        OptionalLong ttft = status == UsageRecord.Status.SUCCESS ? OptionalLong.of(200) : OptionalLong.empty();
        UsageRecord r = new UsageRecord(UsageRecord.newId(now, new java.util.Random(1)), now, Optional.of("s1"), provider, model,
                "claude-sonnet", scenario, false, new Usage(in, out, 5, 1), ttft,
                UsageRecord.tokensPerSecond(out, 2200, ttft), 2200, status,
                status == UsageRecord.Status.ERROR ? Optional.of("500 boom") : Optional.empty());
        clock.advance(Duration.ofHours(1));
        return r;
    }

    @Test
    void appendedRecordsReadBackNewestFirstWithTheirSummaryAndPaging() {
        store = new UsageStore(dir.resolve("data/usage.jsonl"));
        store.append(record("p", "m", "default", UsageRecord.Status.SUCCESS, 10, 100));
        store.append(record("p", "m", "think", UsageRecord.Status.ERROR, 0, 0));
        store.append(record("q", "x", "default", UsageRecord.Status.SUCCESS, 20, 40));

        UsageStore.Page page = store.page(UsageFilter.ALL, 1, 2);

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.records()).extracting(UsageRecord::provider).containsExactly("q", "p");
        assertThat(page.records().get(1).status()).isEqualTo(UsageRecord.Status.ERROR);
        assertThat(page.records().get(1).errorMessage()).contains("500 boom");
        assertThat(store.page(UsageFilter.ALL, 2, 2).records()).extracting(UsageRecord::scenarioType).containsExactly("default");
        assertThat(store.page(UsageFilter.ALL, 9, 2).records()).isEmpty();
        UsageSummary summary = page.summary();
        assertThat(summary.totalRequests()).isEqualTo(3);
        assertThat(summary.successCount()).isEqualTo(2);
        assertThat(summary.errorCount()).isEqualTo(1);
        assertThat(summary.totals()).isEqualTo(new Usage(30, 140, 15, 3));
        assertThat(summary.byProvider().get("p").count()).isEqualTo(2);
        assertThat(summary.byModel().get("x").tokens().outputTokens()).isEqualTo(40);
        assertThat(summary.byScenario()).containsOnlyKeys("default", "think");
        assertThat(summary.byDay()).containsOnlyKeys("2026-11-25");
    }

    @Test
    void recordsSurviveARestartAndMalformedLinesAreSkipped() throws IOException {
        Path file = dir.resolve("data/usage.jsonl");
        store = new UsageStore(file);
        store.append(record("p", "m", "default", UsageRecord.Status.SUCCESS, 1, 2));
        store.close();
        Files.writeString(file, "not json\n{\"id\":\"x\"}\n\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        store = new UsageStore(file);
        store.append(record("q", "x", "default", UsageRecord.Status.SUCCESS, 3, 4));

        assertThat(store.records(UsageFilter.ALL)).extracting(UsageRecord::provider).containsExactly("p", "q");
        UsageRecord first = store.records(UsageFilter.ALL).getFirst();
        assertThat(first.sessionId()).contains("s1");
        assertThat(first.originalModel()).isEqualTo("claude-sonnet");
        assertThat(first.ttft()).hasValue(200);
        assertThat(first.tokensPerSecond()).hasValue(1); // round(2 / max((2200 - 200) / 1000, 1)) = 1
    }

    @Test
    void filtersByDateModelProviderScenarioSessionAndStatus() {
        store = new UsageStore(dir.resolve("usage.jsonl"));
        store.append(record("p", "m", "default", UsageRecord.Status.SUCCESS, 1, 1)); // 10:00 on the 25th
        clock.advance(Duration.ofDays(1));
        store.append(record("q", "x", "think", UsageRecord.Status.ERROR, 1, 1)); // 11:00 on the 26th

        assertThat(store.records(filter(Optional.of(UsageFilter.startOf("2026-11-26")), Optional.empty(), Optional.empty())))
                .extracting(UsageRecord::provider).containsExactly("q");
        assertThat(store.records(filter(Optional.empty(), Optional.of(UsageFilter.endOf("2026-11-25")), Optional.empty())))
                .extracting(UsageRecord::provider).containsExactly("p");
        assertThat(store.records(filter(Optional.empty(), Optional.empty(), Optional.of(UsageRecord.Status.ERROR))))
                .extracting(UsageRecord::provider).containsExactly("q");
        assertThat(store.records(new UsageFilter(Optional.empty(), Optional.empty(), Optional.of("claude-sonnet"),
                Optional.of("p"), Optional.of("default"), Optional.of("s1"), Optional.empty()))).hasSize(1);
        assertThat(store.records(new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("other"), Optional.empty()))).isEmpty();
        assertThatThrownBy(() -> UsageFilter.startOf("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearRemovesRecordsBeforeADateOrAll() {
        store = new UsageStore(dir.resolve("usage.jsonl"));
        store.append(record("p", "m", "default", UsageRecord.Status.SUCCESS, 1, 1));
        clock.advance(Duration.ofDays(2));
        store.append(record("q", "x", "default", UsageRecord.Status.SUCCESS, 1, 1));

        assertThat(store.clear(Optional.of(UsageFilter.startOf("2026-11-26")))).isEqualTo(1);
        assertThat(store.records(UsageFilter.ALL)).extracting(UsageRecord::provider).containsExactly("q");
        assertThat(store.clear(Optional.empty())).isEqualTo(1);
        assertThat(store.records(UsageFilter.ALL)).isEmpty();
        store.append(record("r", "y", "default", UsageRecord.Status.SUCCESS, 1, 1));
        assertThat(store.records(UsageFilter.ALL)).hasSize(1);
    }

    private static UsageFilter filter(Optional<Instant> from, Optional<Instant> until, Optional<UsageRecord.Status> status) {
        return new UsageFilter(from, until, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), status);
    }
}
