package dev.ccr.resilience;

import dev.ccr.config.ResilienceSettings;
import dev.ccr.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHealthTest {
    private static final ModelRef P = new ModelRef("p", "m");
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atEpochDay();

    private ProviderHealth health(Path file) {
        return new ProviderHealth(ResilienceSettings.DEFAULTS, clock, new Promotions(Duration.ofMinutes(10), () -> 0L), Optional.of(file));
    }

    @Test
    void anOpenCircuitSurvivesARestart() {
        Path file = dir.resolve("runtime/provider-health.json");
        ProviderHealth before = health(file);
        for (int i = 0; i < 3; i++) {
            before.recordFailure(P, Failure.of(FailureKind.SERVER_ERROR, "HTTP 500"));
        }
        ProviderHealth after = health(file);
        assertThat(after.isAvailable(P)).isFalse();
        assertThat(after.snapshot(P).orElseThrow().lastError()).contains("HTTP 500");
        assertThat(after.toJson().at("/states/0/status").asText()).isEqualTo("open");
    }

    @Test
    void statesOlderThanADayAreNotRestored() {
        Path file = dir.resolve("provider-health.json");
        ProviderHealth before = health(file);
        for (int i = 0; i < 3; i++) {
            before.recordFailure(P, Failure.of(FailureKind.SERVER_ERROR, "HTTP 500"));
        }
        clock.advance(Duration.ofHours(25));
        assertThat(health(file).snapshot(P)).isEmpty();
    }

    @Test
    void clientErrorsSayNothingAboutTheProvider() {
        ProviderHealth health = health(dir.resolve("h.json"));
        for (int i = 0; i < 5; i++) {
            health.recordFailure(P, Failure.ofStatus(400, Optional.empty(), "bad request"));
        }
        assertThat(health.isAvailable(P)).isTrue();
        assertThat(health.snapshot(P)).isEmpty();
    }

    @Test
    void retryAfterSetsTheCooldown() {
        ProviderHealth health = health(dir.resolve("h.json"));
        health.recordFailure(P, Failure.ofStatus(429, Optional.of(Duration.ofSeconds(7)), "slow down"));
        assertThat(health.snapshot(P).orElseThrow().rateLimitUntil()).contains(clock.instant().plusSeconds(7));
        clock.advance(Duration.ofSeconds(7));
        assertThat(health.isAvailable(P)).isTrue();
    }
}
