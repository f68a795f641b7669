package dev.ccr.usage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.ccr.usage.UsageRecord.Status.ERROR;
import static dev.ccr.usage.UsageRecord.Status.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded usage store: the contract on a SQLite file, and what only the file does (the fork's leftovers). */
class SqliteUsageStoreTest extends UsageStoreContract {
    @TempDir
    Path dir;

    @Override
    protected JdbcUsageStore openStore(Duration retention) {
        return JdbcUsageStore.openSqlite(dir.resolve("data/usage.sqlite"), Optional.of(dir.resolve("data/usage.jsonl")),
                clock, retention);
    }

    @Test
    void aLegacyJsonlFileIsImportedOnceAndRenamed() throws IOException {
        Path jsonl = dir.resolve("data/usage.jsonl");
        Files.createDirectories(jsonl.getParent());
        UsageRecord old = UsageRecords.record(Instant.parse("2026-11-20T08:00:00Z"), "p", "m", "default", SUCCESS, 3, 4);
        Files.writeString(jsonl, """
                {"id":"1763625600000-abc123","timestamp":"2026-11-20T08:00:00.000Z","sessionId":null,"provider":"p",\
                "model":"m","originalModel":"claude-x","scenarioType":"think","stream":true,"inputTokens":7,\
                "outputTokens":9,"cacheReadInputTokens":1,"cacheCreationInputTokens":0,"ttft":120,"tokensPerSecond":30,\
                "durationMs":900,"status":"error","errorMessage":"429 slow down"}
                not json
                {"id":"x"}

                """ + old.toJson() + "\n", StandardCharsets.UTF_8);

        open(Duration.ZERO);

        List<UsageRecord> records = store.records(UsageFilter.ALL);
        assertThat(records).hasSize(2);
        UsageRecord fork = records.getFirst();
        assertThat(fork.originalModel()).isEqualTo("claude-x");
        assertThat(fork.scenarioType()).isEqualTo("think");
        assertThat(fork.usage()).isEqualTo(new Usage(7, 9, 1, 0));
        assertThat(fork.ttft()).hasValue(120);
        assertThat(fork.status()).isEqualTo(ERROR);
        assertThat(fork.httpStatus()).isEqualTo(429); // read from the message of a record older than the field
        assertThat(fork.clientType()).isEqualTo(ClientType.API);
        assertThat(records.get(1)).isEqualTo(old);
        assertThat(store.summary(UsageFilter.ALL).byDay().get("2026-11-20").count()).isEqualTo(2);
        assertKeptSummaryMatchesTheRecords("after the import");
        assertThat(jsonl).doesNotExist();
        assertThat(dir.resolve("data/usage.jsonl.imported")).exists();

        store.close();
        open(Duration.ZERO);
        assertThat(store.records(UsageFilter.ALL)).hasSize(2);
    }

    @Test
    void aDatabaseWrittenBeforeTheKeptTotalsGetsThemComputedAtOpen() throws SQLException {
        open(Duration.ZERO);
        for (int i = 0; i < 30; i++) {
            store.append(next(i % 2 == 0 ? "p" : "q", "m", "default", i % 4 == 0 ? ERROR : SUCCESS, i, i));
        }
        store.close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/usage.sqlite"));
             var statement = connection.createStatement()) {
            statement.execute("DROP TABLE usage_totals"); // as a file written by an earlier ccr
        }

        open(Duration.ZERO);

        assertThat(store.summary(UsageFilter.ALL).totalRequests()).isEqualTo(30);
        assertKeptSummaryMatchesTheRecords("after the totals were computed at open");
    }

    @Test
    void aForkTableOfTheSameNameIsKeptAsideNotBrokenOn() throws SQLException {
        Path file = dir.resolve("data/usage.sqlite");
        dir.resolve("data").toFile().mkdirs();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE usage_records (id TEXT PRIMARY KEY, timestamp TEXT, data TEXT)");
            s.execute("INSERT INTO usage_records VALUES ('1', '2026-01-01', '{}')");
        }
        open(Duration.ZERO);
        store.append(next("p", "m", "default", SUCCESS, 1, 1));
        assertThat(store.records(UsageFilter.ALL)).hasSize(1);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement();
             var rows = s.executeQuery("SELECT COUNT(*) FROM usage_records_fork")) {
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }


    @Test
    void recordsArrivingTogetherAreWrittenInFewTransactions() throws InterruptedException {
        store = JdbcUsageStore.openSqlite(dir.resolve("data/usage.sqlite"), Optional.empty(), clock, Duration.ZERO,
                Duration.ofMillis(200));
        for (int i = 0; i < 300; i++) { // about a record a millisecond, as under load
            store.append(next("p", "m", "default", SUCCESS, 1, 1));
            Thread.sleep(1);
        }

        assertThat(store.summary(UsageFilter.ALL).totalRequests()).isEqualTo(300);
        // A transaction a record would be 300; a stalled machine only makes the batches bigger.
        assertThat(store.writes()).isBetween(1L, 30L);
    }

    @Test
    void aReadDoesNotWaitForTheGatheringAndACloseWritesWhatGathered() {
        Duration hour = Duration.ofHours(1);
        store = JdbcUsageStore.openSqlite(dir.resolve("data/usage.sqlite"), Optional.empty(), clock, Duration.ZERO, hour);
        UsageRecord first = next("p", "m", "default", SUCCESS, 1, 1);
        store.append(first);

        // Without the read cutting the hour short, it would give up after its own wait and find nothing.
        assertThat(store.records(UsageFilter.ALL)).containsExactly(first);

        UsageRecord second = next("q", "x", "default", SUCCESS, 2, 2);
        store.append(second);
        store.close();
        store = JdbcUsageStore.openSqlite(dir.resolve("data/usage.sqlite"), Optional.empty(), clock, Duration.ZERO, hour);
        assertThat(store.records(UsageFilter.ALL)).containsExactly(first, second);
    }
}
