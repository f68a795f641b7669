package dev.ccr.resilience;

import dev.ccr.testing.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.ccr.resilience.CircuitBreaker.State.CLOSED;
import static dev.ccr.resilience.CircuitBreaker.State.HALF_OPEN;
import static dev.ccr.resilience.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {
    private final MutableClock clock = MutableClock.atEpochDay();
    private final CircuitBreaker breaker = new CircuitBreaker(clock, 3, Duration.ofMinutes(5), 2);

    @Test
    void opensAfterThreeFailuresInARow() {
        breaker.recordFailure("a");
        breaker.recordFailure("b");
        assertThat(breaker.isAvailable()).isTrue();
        breaker.recordFailure("c");
        assertThat(breaker.snapshot().state()).isEqualTo(OPEN);
        assertThat(breaker.isAvailable()).isFalse();
        assertThat(breaker.snapshot().lastError()).contains("c");
    }

    @Test
    void aSuccessResetsTheStreak() {
        breaker.recordFailure("a");
        breaker.recordFailure("b");
        breaker.recordSuccess();
        breaker.recordFailure("c");
        assertThat(breaker.snapshot().state()).isEqualTo(CLOSED);
    }

    @Test
    void afterTheProbeIntervalOneProbeGoesThroughAndTwoSuccessesClose() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure("x");
        }
        clock.advance(Duration.ofMinutes(4));
        assertThat(breaker.isAvailable()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        // 1. the probe interval has passed: half-open lets a probe through
        assertThat(breaker.isAvailable()).isTrue();
        assertThat(breaker.snapshot().state()).isEqualTo(HALF_OPEN);
        // 2. one success is not enough
        assertThat(breaker.recordSuccess()).isFalse();
        assertThat(breaker.snapshot().state()).isEqualTo(HALF_OPEN);
        // 3. the second closes it
        assertThat(breaker.recordSuccess()).isTrue();
        assertThat(breaker.snapshot().state()).isEqualTo(CLOSED);
    }

    @Test
    void aFailureWhileHalfOpenReopensAtOnce() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure("x");
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(breaker.isAvailable()).isTrue();
        breaker.recordFailure("again");
        assertThat(breaker.snapshot().state()).isEqualTo(OPEN);
        assertThat(breaker.isAvailable()).isFalse();
    }

    @Tag("ccr-11.77")
    @Test
    void aRateLimitIsACooldownThatEndsWithoutProbes() {
        breaker.markRateLimited(clock.instant().plusSeconds(120), "429");
        assertThat(breaker.snapshot().state()).isEqualTo(OPEN);
        assertThat(breaker.isAvailable()).isFalse();
        clock.advance(Duration.ofSeconds(119));
        assertThat(breaker.isAvailable()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.isAvailable()).isTrue();
    }

    @Test
    void aSuccessOnAnOpenBreakerHalfOpensIt() {
        breaker.forceOpen("fallback answered");
        assertThat(breaker.recordSuccess()).isFalse();
        assertThat(breaker.snapshot().state()).isEqualTo(HALF_OPEN);
    }
}
