package dev.ccr.usage;

import dev.ccr.testing.LocalPostgres;
import dev.ccr.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
    }

    @Override
    protected JdbcUsageStore openStore(Duration retention) {
        return JdbcUsageStore.openPostgres(url, clock, retention);
    }

    @Test
    void twoInstancesWritingToOneDatabaseEachSeeTheWholeTeamsRecordsAndSums() {
        open(Duration.ZERO);
        try (JdbcUsageStore other = JdbcUsageStore.openPostgres(url, clock, Duration.ZERO)) {
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
