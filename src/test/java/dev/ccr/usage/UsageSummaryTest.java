package dev.ccr.usage;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class UsageSummaryTest {
    private static UsageRecord record(String at, UsageRecord.Status status, OptionalLong ttft, OptionalLong speed) {
        return new UsageRecord("1-abcdef", Instant.parse(at), Optional.empty(), Optional.empty(), ClientType.API, "p", "m",
                "m", "default", Optional.empty(), true, new Usage(1, 2, 3, 4), ttft, speed, 1000, status,
                status == UsageRecord.Status.SUCCESS ? 200 : 500, Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void tokensPerSecondIsTheForksFormula() {
        assertThat(UsageRecord.tokensPerSecond(100, 5000, OptionalLong.of(1000))).hasValue(25); // 100 / 4 s
        assertThat(UsageRecord.tokensPerSecond(100, 1200, OptionalLong.of(1000))).hasValue(100); // at least 1 s
        assertThat(UsageRecord.tokensPerSecond(10, 4000, OptionalLong.of(1000))).hasValue(3); // round(3.33)
        assertThat(UsageRecord.tokensPerSecond(100, 5000, OptionalLong.empty())).isEmpty();
    }

    @Test
    void averagesAreRoundedAndSpeedCountsOnlySuccesses() {
        UsageSummary summary = UsageSummary.of(List.of(
                record("2026-11-25T23:59:59Z", UsageRecord.Status.SUCCESS, OptionalLong.of(100), OptionalLong.of(10)),
                record("2026-11-26T00:00:00Z", UsageRecord.Status.SUCCESS, OptionalLong.of(201), OptionalLong.of(21)),
                record("2026-11-26T01:00:00Z", UsageRecord.Status.ERROR, OptionalLong.empty(), OptionalLong.of(1000))));

        assertThat(summary.avgTtft()).isEqualTo(151); // round(150.5)
        assertThat(summary.avgTokensPerSecond()).isEqualTo(16); // round(15.5), the error's speed ignored
        assertThat(summary.byDay()).containsOnlyKeys("2026-11-25", "2026-11-26");
        assertThat(summary.byDay().get("2026-11-26").count()).isEqualTo(2);
        assertThat(summary.toJson().path("totalCacheCreationInputTokens").asLong()).isEqualTo(12);
        assertThat(summary.toJson().at("/byModel/m/cacheReadInputTokens").asLong()).isEqualTo(9);
    }

    @Test
    void ratesAreSuccessesOverRequestsAndCacheReadsOverAllInput() {
        UsageSummary summary = UsageSummary.of(List.of(
                record("2026-11-26T00:00:00Z", UsageRecord.Status.SUCCESS, OptionalLong.empty(), OptionalLong.empty()),
                record("2026-11-26T00:00:01Z", UsageRecord.Status.SUCCESS, OptionalLong.empty(), OptionalLong.empty()),
                record("2026-11-26T00:00:02Z", UsageRecord.Status.ERROR, OptionalLong.empty(), OptionalLong.empty())));

        assertThat(summary.toJson().path("successRate").asDouble()).isEqualTo(0.6667);
        assertThat(summary.toJson().path("cacheHitRate").asDouble()).isEqualTo(0.375); // 3 / (1 + 3 + 4)
        assertThat(summary.toJson().at("/byProviderModel/p,m/errorCount").asLong()).isEqualTo(1);
        assertThat(summary.toJson().at("/byClient/api/count").asLong()).isEqualTo(3);
        assertThat(summary.toJson().at("/byDay/2026-11-26/successRate").asDouble()).isEqualTo(0.6667);
    }

    @Test
    void anEmptySummaryIsAllZeros() {
        UsageSummary summary = UsageSummary.of(List.of());
        assertThat(summary.totalRequests()).isZero();
        assertThat(summary.avgTtft()).isZero();
        assertThat(summary.toJson().path("successRate").asDouble()).isZero();
        assertThat(summary.toJson().path("cacheHitRate").asDouble()).isZero();
        assertThat(summary.toJson().path("byModel").isEmpty()).isTrue();
    }

    @Test
    void aRecordRoundTripsThroughJsonAndNullsStayAbsent() {
        UsageRecord r = record("2026-11-26T01:00:00Z", UsageRecord.Status.ERROR, OptionalLong.empty(), OptionalLong.empty());
        assertThat(r.toJson().path("ttft").isNull()).isTrue();
        assertThat(r.toJson().path("sessionId").isNull()).isTrue();
        assertThat(UsageRecord.fromJson(r.toJson())).contains(r);
        assertThat(UsageRecord.newId(Instant.ofEpochMilli(42), new java.util.Random(7))).matches("42-[0-9a-z]{6}");
    }
}
