package dev.ccr.quota;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void snapshotsSurviveARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runtime").resolve("quota-store.json");
        QuotaStore store = new QuotaStore(Optional.of(file));
        QuotaSnapshot plan = QuotaSnapshot.known("glm", "zhipu-coding", NOW, QuotaReading.ofWindows(List.of(
                new QuotaWindow("5h", 97, 100, Optional.of(NOW.plusSeconds(3600))), new QuotaWindow("7d", 10, 100, Optional.empty()))));
        QuotaSnapshot balance = QuotaSnapshot.known("deepseek", "deepseek", NOW, QuotaReading.ofBalance(new QuotaBalance(
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(12.5), OptionalDouble.empty(), Optional.of("CNY"))));
        QuotaSnapshot unknown = QuotaSnapshot.unknown("qwen", "aliyun-coding-plan", NOW, "the cookie has expired");
        store.put(plan);
        store.put(balance);
        store.put(unknown);

        String saved = Files.readString(file);
        assertThat(saved).contains("\"usedDailyBalance\" : 97.0", "\"limitDaily\" : 100.0", "\"remainingBalance\" : 12.5",
                "\"resetTime\" : \"2026-11-26T13:00:00Z\"", "\"currency\" : \"CNY\"");
        QuotaStore restarted = new QuotaStore(Optional.of(file));
        assertThat(restarted.get("glm")).contains(plan);
        assertThat(restarted.get("deepseek")).contains(balance);
        assertThat(restarted.get("qwen")).contains(unknown);
    }

    @Test
    void headerReadingsWaitForTheNextFlush(@TempDir Path dir) {
        Path file = dir.resolve("quota-store.json");
        QuotaStore store = new QuotaStore(Optional.of(file));
        store.putLater(QuotaSnapshot.known("claude", "anthropic-headers", NOW,
                QuotaReading.ofWindows(List.of(new QuotaWindow("5h", 10, 100, Optional.empty())))));
        assertThat(file).doesNotExist();
        store.flush();
        assertThat(new QuotaStore(Optional.of(file)).get("claude")).isPresent();
    }

    @Test
    void anUnreadableStoreIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("quota-store.json");
        Files.writeString(file, "{not json");
        assertThat(new QuotaStore(Optional.of(file)).get("anything")).isEmpty();
    }

    /* --------------- A team's instances --------------- */

    private static QuotaSnapshot balance(Instant at, double left) {
        return QuotaSnapshot.known("deepseek", "deepseek", at, QuotaReading.ofBalance(new QuotaBalance(
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(left), OptionalDouble.empty(), Optional.of("CNY"))));
    }

    @Test
    void everySnapshotTakenHereIsHandedToTheTeamButNoneTakenElsewhere() {
        QuotaStore store = new QuotaStore(Optional.empty());
        List<QuotaSnapshot> told = new ArrayList<>();
        store.shareWith(told::add);

        store.put(balance(NOW, 5));
        store.putLater(QuotaSnapshot.known("claude", "anthropic-headers", NOW,
                QuotaReading.ofWindows(List.of(new QuotaWindow("5h", 10, 100, Optional.empty())))));
        store.applyShared(balance(NOW.plusSeconds(1), 0));

        assertThat(told).extracting(QuotaSnapshot::provider).containsExactly("deepseek", "claude");
        assertThat(store.get("deepseek")).contains(balance(NOW.plusSeconds(1), 0));
    }

    @Test
    void anotherInstancesSnapshotReplacesOnlyAnOlderOneAndIsSavedWithTheNextFlush(@TempDir Path dir) {
        Path file = dir.resolve("quota-store.json");
        QuotaStore store = new QuotaStore(Optional.of(file));
        store.put(balance(NOW, 5));

        store.applyShared(balance(NOW.minusSeconds(60), 50));
        assertThat(store.get("deepseek")).contains(balance(NOW, 5));

        store.applyShared(balance(NOW.plusSeconds(60), 0));
        store.flush();
        assertThat(new QuotaStore(Optional.of(file)).get("deepseek")).contains(balance(NOW.plusSeconds(60), 0));
    }

    @Test
    void aSnapshotReadsBackFromItsJson() {
        QuotaSnapshot plan = QuotaSnapshot.known("glm", "zhipu-coding", NOW, QuotaReading.ofWindows(List.of(
                new QuotaWindow("5h", 97, 100, Optional.of(NOW.plusSeconds(3600))))));
        QuotaSnapshot unknown = QuotaSnapshot.unknown("qwen", "aliyun-coding-plan", NOW, "the cookie has expired");

        assertThat(QuotaSnapshot.fromJson(plan.toJson())).isEqualTo(plan);
        assertThat(QuotaSnapshot.fromJson(unknown.toJson())).isEqualTo(unknown);
        assertThat(QuotaSnapshot.fromJson(balance(NOW, 1).toJson())).isEqualTo(balance(NOW, 1));
    }
}
