package dev.ccr.upstream;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAreAWait() {
        assertThat(RetryAfter.parse(Optional.of(" 7 "), NOON)).contains(Duration.ofSeconds(7));
    }

    @Test
    void anHttpDateIsTheTimeUntilThen() {
        assertThat(RetryAfter.parse(Optional.of("Wed, 02 Dec 2026 12:00:30 GMT"), NOON)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aDateInThePastWaitsNothing() {
        assertThat(RetryAfter.parse(Optional.of("Wed, 02 Dec 2026 11:00:00 GMT"), NOON)).contains(Duration.ZERO);
    }

    @Test
    void nonsenseNegativeOrAbsentIsNoWait() {
        assertThat(RetryAfter.parse(Optional.of("soon"), NOON)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("-3"), NOON)).isEmpty();
        assertThat(RetryAfter.parse(Optional.empty(), NOON)).isEmpty();
    }
}
