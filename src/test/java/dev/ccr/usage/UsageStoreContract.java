package dev.ccr.usage;

import dev.ccr.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.ccr.usage.UsageRecord.Status.ERROR;
import static dev.ccr.usage.UsageRecord.Status.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every usage store does, whatever database is under it: {@link SqliteUsageStoreTest} runs these against the
 * embedded file, {@link PostgresUsageStoreTest} against a real PostgreSQL server.
 */
abstract class UsageStoreContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    protected JdbcUsageStore store;

    /** Opens the store under test (again, after a close, on the same database). */
    protected abstract JdbcUsageStore openStore(Duration retention);

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    protected JdbcUsageStore open(Duration retention) {
        store = openStore(retention);
        return store;
    }

    /** A record at the clock's time; the clock then moves on an hour. */
    protected UsageRecord next(String provider, String model, String scenario, UsageRecord.Status status, long in, long out) {
        UsageRecord r = UsageRecords.record(clock.instant(), provider, model, scenario, status, in, out);
        clock.advance(Duration.ofHours(1));
        return r;
    }

    @Test
    void appendedRecordsReadBackWholeNewestFirstWithTheirSummaryAndPaging() {
        open(Duration.ZERO);
        store.append(next("p", "m", "default", SUCCESS, 10, 100));
        UsageRecord error = next("p", "m", "think", ERROR, 0, 0);
        store.append(error);
        store.append(next("q", "x", "default", SUCCESS, 20, 40));

        UsageStore.Page page = store.page(UsageFilter.ALL, 1, 2);

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.records()).extracting(UsageRecord::provider).containsExactly("q", "p");
        assertThat(page.records().get(1)).isEqualTo(error); // every field, attempts included, survives the database
        assertThat(store.page(UsageFilter.ALL, 2, 2).records()).extracting(r -> r.usage().outputTokens()).containsExactly(100L);
        assertThat(store.page(UsageFilter.ALL, 9, 2).records()).isEmpty();
        UsageSummary summary = page.summary();
        assertThat(summary.totalRequests()).isEqualTo(3);
        assertThat(summary.successCount()).isEqualTo(2);
        assertThat(summary.totals()).isEqualTo(new Usage(30, 140, 15, 3));
        assertThat(summary.byProvider().get("p").count()).isEqualTo(2);
        assertThat(summary.byModel().get("x").tokens().outputTokens()).isEqualTo(40);
        assertThat(summary.byProviderModel()).containsOnlyKeys("p,m", "q,x");
        assertThat(summary.byClient()).containsOnlyKeys(ClientType.CLAUDE_CODE);
        assertThat(summary.byScenario()).containsOnlyKeys("default", "think");
    }

    @Test
    void filtersByDateModelProviderScenarioClientSessionAndStatus() {
        open(Duration.ZERO);
        store.append(next("p", "m", "default", SUCCESS, 1, 1)); // 10:00 on the 25th
        clock.advance(Duration.ofDays(1));
        store.append(next("q", "x", "think", ERROR, 1, 1)); // 11:00 on the 26th

        assertThat(store.records(filter(Optional.of(UsageFilter.startOf("2026-11-26")), Optional.empty(), Optional.empty())))
                .extracting(UsageRecord::provider).containsExactly("q");
        assertThat(store.records(filter(Optional.empty(), Optional.of(UsageFilter.endOf("2026-11-25")), Optional.empty())))
                .extracting(UsageRecord::provider).containsExactly("p");
        assertThat(store.records(filter(Optional.empty(), Optional.empty(), Optional.of(ERROR))))
                .extracting(UsageRecord::provider).containsExactly("q");
        assertThat(store.records(new UsageFilter(Optional.empty(), Optional.empty(), Optional.of("claude-sonnet"),
                Optional.of("p"), Optional.of("default"), Optional.of(ClientType.CLAUDE_CODE), Optional.of("s1"),
                Optional.empty()))).hasSize(1);
        assertThat(store.records(new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("codex"), Optional.empty(), Optional.empty()))).isEmpty();
        assertThat(store.summary(new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("other"), Optional.empty())).totalRequests()).isZero();
        assertThatThrownBy(() -> UsageFilter.startOf("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSummaryFromTheDailySumsEqualsOneAddedUpFromTheRecordsForAnyRange() {
        open(Duration.ZERO);
        List<UsageRecord> all = new ArrayList<>();
        String[] providers = {"p", "q"};
        for (int i = 0; i < 60; i++) { // 60 records 5 hours apart: three days and a half
            UsageRecord r = UsageRecords.record(clock.instant(), providers[i % 2], "m" + (i % 3), i % 4 == 0 ? "think" : "default",
                    i % 5 == 0 ? ERROR : SUCCESS, i, 2L * i);
            all.add(r);
            store.append(r);
            clock.advance(Duration.ofHours(5));
        }
        List<UsageFilter> filters = List.of(UsageFilter.ALL,
                filter(Optional.of(Instant.parse("2026-11-26T00:00:00Z")), Optional.of(Instant.parse("2026-11-28T00:00:00Z")), Optional.empty()),
                filter(Optional.of(Instant.parse("2026-11-25T13:30:00Z")), Optional.of(Instant.parse("2026-11-29T07:00:00Z")), Optional.empty()),
                filter(Optional.of(Instant.parse("2026-11-26T03:00:00Z")), Optional.of(Instant.parse("2026-11-26T20:00:00Z")), Optional.of(SUCCESS)),
                filter(Optional.empty(), Optional.of(Instant.parse("2026-11-27T12:00:00Z")), Optional.of(ERROR)),
                new UsageFilter(Optional.of(Instant.parse("2026-11-25T23:00:00Z")), Optional.empty(), Optional.of("m1"),
                        Optional.of("q"), Optional.of("default"), Optional.empty(), Optional.empty(), Optional.empty()));

        for (UsageFilter f : filters) {
            assertThat(store.summary(f)).as(f.toString())
                    .isEqualTo(UsageSummary.of(all.stream().filter(f::test).toList()));
        }
    }

    @Test
    void clearRemovesRecordsBeforeADateOrAllAndTheSummaryFollows() {
        open(Duration.ZERO);
        store.append(next("p", "m", "default", SUCCESS, 1, 1)); // 10:00 on the 25th
        store.append(next("p", "m", "default", SUCCESS, 1, 1)); // 11:00
        clock.advance(Duration.ofDays(2));
        store.append(next("q", "x", "default", SUCCESS, 1, 1));

        assertThat(store.clear(Optional.of(Instant.parse("2026-11-25T10:30:00Z")))).isEqualTo(1);
        assertThat(store.summary(UsageFilter.ALL).byDay().get("2026-11-25").count()).isEqualTo(1);
        assertThat(store.clear(Optional.of(UsageFilter.startOf("2026-11-26")))).isEqualTo(1);
        assertThat(store.records(UsageFilter.ALL)).extracting(UsageRecord::provider).containsExactly("q");
        assertThat(store.summary(UsageFilter.ALL).totalRequests()).isEqualTo(1);
        assertThat(store.clear(Optional.empty())).isEqualTo(1);
        assertThat(store.summary(UsageFilter.ALL).totalRequests()).isZero();
        store.append(next("r", "y", "default", SUCCESS, 1, 1));
        assertThat(store.records(UsageFilter.ALL)).hasSize(1);
    }

    @Test
    void everyRecordAppendedBeforeACleanShutdownIsThereAfterARestart() {
        open(Duration.ZERO);
        for (int i = 0; i < 2_500; i++) { // several batches, most still queued when close() starts
            store.append(UsageRecords.record(clock.instant(), "p", "m", "default", SUCCESS, i, i));
        }
        store.close();
        store.append(UsageRecords.record(clock.instant(), "late", "m", "default", SUCCESS, 1, 1)); // after close: dropped

        open(Duration.ZERO);
        assertThat(store.summary(UsageFilter.ALL).totalRequests()).isEqualTo(2_500);
        assertThat(store.records(UsageFilter.ALL)).extracting(UsageRecord::provider).doesNotContain("late");
    }

    @Test
    void recordsOlderThanTheRetentionAreDeletedAtStart() {
        open(Duration.ZERO);
        store.append(next("old", "m", "default", SUCCESS, 1, 1));
        clock.advance(Duration.ofDays(10));
        store.append(next("new", "m", "default", SUCCESS, 1, 1));
        store.close();

        open(Duration.ofDays(5));

        assertThat(store.records(UsageFilter.ALL)).extracting(UsageRecord::provider).containsExactly("new");
        assertThat(store.summary(UsageFilter.ALL).byProvider()).containsOnlyKeys("new");
    }

    @Test
    void theKeptSummaryOfEverythingEqualsTheRecordsAddedUpAfterWritesDeletesAndRetention() {
        open(Duration.ZERO);
        String[] providers = {"p", "q", "r"};
        for (int i = 0; i < 90; i++) { // 90 records 3 hours apart: eleven days and a quarter, in several batches
            store.append(UsageRecords.record(clock.instant(), providers[i % 3], "m" + (i % 4), i % 5 == 0 ? "think" : "default",
                    i % 7 == 0 ? ERROR : SUCCESS, i, 3L * i));
            clock.advance(Duration.ofHours(3));
        }
        assertKeptSummaryMatchesTheRecords("after the writes");

        store.clear(Optional.of(Instant.parse("2026-11-27T13:00:00Z"))); // mid-day: that day's sums are recomputed
        assertKeptSummaryMatchesTheRecords("after deleting up to mid-day");
        store.clear(Optional.of(UsageFilter.startOf("2026-11-29")));
        assertKeptSummaryMatchesTheRecords("after deleting whole days");
        store.close();

        open(Duration.ofDays(3)); // the clock stands at the 6th of December: the retention deletes up to the 3rd
        assertThat(store.records(UsageFilter.ALL)).isNotEmpty();
        assertKeptSummaryMatchesTheRecords("after the retention");

        store.clear(Optional.empty());
        assertThat(store.summary(UsageFilter.ALL)).isEqualTo(UsageSummary.of(List.of()));
        store.append(next("s", "m", "default", SUCCESS, 5, 6));
        assertKeptSummaryMatchesTheRecords("after deleting everything and writing again");
    }

    protected void assertKeptSummaryMatchesTheRecords(String when) {
        assertThat(store.summary(UsageFilter.ALL)).as(when).isEqualTo(UsageSummary.of(store.records(UsageFilter.ALL)));
    }

    protected static UsageFilter filter(Optional<Instant> from, Optional<Instant> until, Optional<UsageRecord.Status> status) {
        return UsageFilter.ALL.withTime(from, until).withStatus(status);
    }
}
