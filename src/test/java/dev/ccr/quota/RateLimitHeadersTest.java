package dev.ccr.quota;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTest {
    @Test
    void unifiedFiveHourAndSevenDayUtilisationBecomeWindowsInPercent() {
        QuotaReading reading = RateLimitHeaders.read(Map.of(
                "Anthropic-Ratelimit-Unified-5h-Utilization", List.of("0.82"),
                "anthropic-ratelimit-unified-5h-reset", List.of("1764669600"),
                "anthropic-ratelimit-unified-5h-status", List.of("allowed_warning"),
                "anthropic-ratelimit-unified-7d-utilization", List.of("0.4"),
                "anthropic-ratelimit-unified-7d-reset", List.of("1765152000"),
                "content-type", List.of("application/json"))).orElseThrow();
        QuotaWindow fiveHours = reading.window("5h").orElseThrow();
        assertThat(fiveHours.used()).isCloseTo(82, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fiveHours.limit()).isEqualTo(100);
        assertThat(fiveHours.resetAt()).contains(Instant.ofEpochSecond(1764669600));
        assertThat(fiveHours.exhausted()).isFalse();
        assertThat(reading.window("7d").orElseThrow().remainingPercent()).isCloseTo(60, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aRejectedWindowReadsAsUsedUp() {
        QuotaReading reading = RateLimitHeaders.read(Map.of(
                "anthropic-ratelimit-unified-5h-status", List.of("rejected"),
                "anthropic-ratelimit-unified-5h-reset", List.of("1764669600"))).orElseThrow();
        assertThat(reading.window("5h").orElseThrow().exhausted()).isTrue();
    }

    @Test
    void apiRequestAndTokenLimitsBecomeWindowsWithTheirRfc3339Reset() {
        QuotaReading reading = RateLimitHeaders.read(Map.of(
                "anthropic-ratelimit-requests-limit", List.of("50"),
                "anthropic-ratelimit-requests-remaining", List.of("0"),
                "anthropic-ratelimit-requests-reset", List.of("2026-12-02T08:00:30Z"),
                "anthropic-ratelimit-input-tokens-limit", List.of("40000"),
                "anthropic-ratelimit-input-tokens-remaining", List.of("39000"),
                "anthropic-ratelimit-input-tokens-reset", List.of("2026-12-02T08:00:01Z"))).orElseThrow();
        QuotaWindow requests = reading.window("requests").orElseThrow();
        assertThat(requests.exhausted()).isTrue();
        assertThat(requests.resetAt()).contains(Instant.parse("2026-12-02T08:00:30Z"));
        assertThat(reading.window("input-tokens").orElseThrow().used()).isEqualTo(1000);
    }

    @Test
    void answersWithoutRateLimitHeadersGiveNoReading() {
        assertThat(RateLimitHeaders.read(Map.of("content-type", List.of("application/json")))).isEmpty();
        assertThat(RateLimitHeaders.read(Map.of("anthropic-ratelimit-requests-limit", List.of("garbage")))).isEmpty();
    }
}
