package dev.ccr.usage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static dev.ccr.usage.UsageRecord.Status.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundOpenedStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void recordsAppendedWhileTheDatabaseOpensAreKeptInOrder() throws InterruptedException {
        CountDownLatch mayOpen = new CountDownLatch(1);
        UsageStore store = UsageStore.openInBackground(() -> {
            await(mayOpen);
            return JdbcUsageStore.openSqlite(dir.resolve("usage.sqlite"), Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC),
                    Duration.ZERO);
        });
        try {
            for (int i = 1; i <= 3; i++) {
                store.append(UsageRecords.record(NOW.plusSeconds(i), "p" + i, "m", "default", SUCCESS, i, i));
            }
            mayOpen.countDown();
            store.append(UsageRecords.record(NOW.plusSeconds(4), "p4", "m", "default", SUCCESS, 4, 4));

            assertThat(store.records(UsageFilter.ALL)).extracting(UsageRecord::provider)
                    .containsExactly("p1", "p2", "p3", "p4");
        } finally {
            store.close();
        }
    }

    @Test
    void aStoreThatCannotOpenDropsRecordsAndSaysWhyWhenRead() {
        UsageStore store = UsageStore.openInBackground(() -> {
            throw new IllegalStateException("Could not open the usage database /nowhere: disk full");
        });
        store.append(UsageRecords.record(NOW, "p", "m", "default", SUCCESS, 1, 1));

        assertThatThrownBy(() -> store.summary(UsageFilter.ALL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("disk full");
        store.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
