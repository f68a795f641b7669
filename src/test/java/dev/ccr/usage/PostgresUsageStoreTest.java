package dev.ccr.usage;

import dev.ccr.testing.LocalPostgres;
import dev.ccr.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Duration;

import static dev.ccr.usage.UsageRecord.Status.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team's usage store: the contract on a real PostgreSQL server (one per class, a fresh database per test), then
 * what only a server does: two instances write to one database, and records wait out an outage.
 */
class PostgresUsageStoreTest extends UsageStoreContract {
    private static LocalPostgres postgres;
    private String url;
    @TempDir
    Path dir;
    private Path spool;

    @BeforeAll
    static void startPostgres() {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void freshDatabase() {
        url = postgres.newDatabase();
        spool = dir.resolve("data/usage-pending.jsonl");
    }

    @Override
    protected JdbcUsageStore openStore(Duration retention) {
        return JdbcUsageStore.openPostgres(url, spool, clock, retention);
    }

    @Test
    void twoInstancesWritingToOneDatabaseEachSeeTheWholeTeamsRecordsAndSums() {
        open(Duration.ZERO);
        try (JdbcUsageStore other = JdbcUsageStore.openPostgres(url, dir.resolve("other.jsonl"), clock, Duration.ZERO)) {
            for (int i = 0; i < 50; i++) {
                store.append(UsageRecords.record(clock.instant(), "p", "m", "default", SUCCESS, 1, 10));
                other.append(UsageRecords.record(clock.instant(), "q", "m", "default", SUCCESS, 2, 20));
            }
            other.summary(UsageFilter.ALL); // waits for the other instance's writes

            UsageSummary summary = store.summary(UsageFilter.ALL);
            assertThat(summary.totalRequests()).isEqualTo(100);
            assertThat(summary.byProvider().get("q").tokens().outputTokens()).isEqualTo(1_000);
            assertThat(summary.byDay().get("2026-11-25").count()).isEqualTo(100);
        }
    }

    @Test
    void recordsAppendedWhileTheServerIsDownAreWrittenWhenItIsBackAndTheOutageIsLoggedOnce() {
        open(Duration.ZERO);
        store.append(next("before", "m", "default", SUCCESS, 1, 1));
        assertThat(store.records(UsageFilter.ALL)).hasSize(1);
        try (LogCapture log = LogCapture.of("dev.ccr.usage")) {
            postgres.pause();
            store.append(next("during", "m", "default", SUCCESS, 1, 1));
            store.append(next("during", "m", "default", SUCCESS, 1, 1));
            awaitUnreachable();
            postgres.resume();

            assertThat(store.records(UsageFilter.ALL)).extracting(UsageRecord::provider)
                    .containsExactly("before", "during", "during");
            assertThat(store.reachable()).isTrue();
            assertThat(log.lines()).filteredOn(l -> l.contains("cannot be reached")).hasSize(1);
            assertThat(log.text()).contains("reachable again").doesNotContain("user=");
        }
    }

    @Test
    void recordsOfAnInstanceStoppedDuringAnOutageWaitOnDiskAndAreWrittenAtItsNextStart() {
        open(Duration.ZERO);
        postgres.pause();
        try {
            store.append(next("during", "m", "default", SUCCESS, 1, 1));
            store.append(next("during", "m", "default", SUCCESS, 2, 2));
            store.close();
            assertThat(spool).exists();
        } finally {
            postgres.resume();
        }

        open(Duration.ZERO);

        assertThat(store.records(UsageFilter.ALL)).extracting(r -> r.usage().inputTokens()).containsExactly(1L, 2L);
        assertThat(spool).doesNotExist();
    }

    private void awaitUnreachable() {
        for (int i = 0; i < 200 && store.reachable(); i++) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(store.reachable()).as("the writer noticed the outage").isFalse();
    }
}
