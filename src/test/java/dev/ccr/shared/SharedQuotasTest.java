package dev.ccr.shared;

import dev.ccr.quota.QuotaBalance;
import dev.ccr.quota.QuotaReading;
import dev.ccr.quota.QuotaSnapshot;
import dev.ccr.quota.QuotaStore;
import dev.ccr.quota.QuotaWindow;
import dev.ccr.testing.Closer;
import dev.ccr.testing.LocalRedis;
import dev.ccr.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static dev.ccr.shared.SharedResilienceTest.within;
import static org.assertj.core.api.Assertions.assertThat;

/** Two instances' quota stores shared through a real Redis: the newest snapshot of a provider holds for both. */
class SharedQuotasTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** One ccr instance's quota store, with its own connection to Redis. */
    private record Instance(QuotaStore store, SharedQuotas shared, RedisState redis) {
    }

    private final Closer closing = new Closer();
    private LocalRedis redis;

    @BeforeEach
    void startRedis() {
        redis = closing.add(LocalRedis.start());
    }

    @AfterEach
    void stop() throws Exception {
        closing.close();
    }

    private Instance instance() {
        QuotaStore store = new QuotaStore(Optional.empty());
        RedisState state = RedisState.connect(redis.uri());
        closing.add(state);
        return new Instance(store, SharedQuotas.share(state, store), state);
    }

    private static QuotaSnapshot spentPlan(Instant at) {
        return QuotaSnapshot.known("plan", "kimi-coding", at, QuotaReading.ofWindows(List.of(
                new QuotaWindow(QuotaWindow.FIVE_HOURS, 100, 100, Optional.of(at.plus(2, ChronoUnit.HOURS))))));
    }

    private static QuotaSnapshot balance(Instant at, double left) {
        return QuotaSnapshot.known("plan", "deepseek", at, QuotaReading.ofBalance(new QuotaBalance(OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.of(left), OptionalDouble.empty(), Optional.of("CNY"))));
    }

    @Test
    void aSpentPlanOneInstancePolledHoldsForTheOtherWithinASecond() {
        Instance a = instance();
        Instance b = instance();

        a.store().put(spentPlan(NOW));

        assertThat(within(Duration.ofSeconds(1), () -> b.store().get("plan").isPresent())).isTrue();
        assertThat(b.store().get("plan")).contains(spentPlan(NOW));
    }

    @Test
    void anOlderSnapshotNeverReplacesANewerOne() {
        Instance a = instance();
        Instance b = instance();
        a.store().put(balance(NOW, 0));
        assertThat(within(Duration.ofSeconds(1), () -> b.store().get("plan").isPresent())).isTrue();

        b.store().put(balance(NOW.minusSeconds(60), 50)); // b's clock, or a slow poll, says something older

        assertThat(a.redis().connection().orElseThrow().sync().hget(SharedQuotas.QUOTAS, "plan")).contains("\"remaining\":0.0");
        assertThat(a.store().get("plan")).contains(balance(NOW, 0));
    }

    @Test
    void anInstanceStartedLaterTakesOnTheTeamsSnapshots() {
        Instance a = instance();
        a.store().put(spentPlan(NOW));
        assertThat(within(Duration.ofSeconds(1), () -> a.redis().connection().orElseThrow().sync()
                .hexists(SharedQuotas.QUOTAS, "plan"))).isTrue();

        Instance late = instance();

        assertThat(late.store().get("plan")).contains(spentPlan(NOW));
    }

    @Test
    void oneInstanceAtATimeHasAProvidersPollingTurnUntilItsHoldExpires() {
        Instance a = instance();
        Instance b = instance();

        assertThat(a.shared().claimPoll("plan", Duration.ofMillis(300))).isTrue();
        assertThat(b.shared().claimPoll("plan", Duration.ofMillis(300))).as("a polls this turn").isFalse();
        assertThat(b.shared().claimPoll("other-provider", Duration.ofMillis(300))).isTrue();

        assertThat(within(Duration.ofSeconds(2), () -> b.shared().claimPoll("plan", Duration.ofMillis(300)))).isTrue();
    }

    @Test
    void withRedisAwayEachKeepsItsOwnAndTheyCatchUpWhenItIsBack() {
        Instance a = instance();
        Instance b = instance();
        try (LogCapture log = LogCapture.of("dev.ccr.shared")) {
            redis.pause();
            assertThat(within(Duration.ofSeconds(5), () -> a.redis().degraded() && b.redis().degraded())).isTrue();

            a.store().put(spentPlan(NOW)); // polled while Redis is away: a skips the plan, b cannot know yet
            assertThat(b.store().get("plan")).isEmpty();
            // once per instance (the warning follows the flag, so it is waited for)
            assertThat(within(Duration.ofSeconds(1), () -> unreachable(log) == 2)).isTrue();

            redis.resume();

            assertThat(within(Duration.ofSeconds(10), () -> b.store().get("plan").isPresent())).isTrue();
            assertThat(b.store().get("plan")).contains(spentPlan(NOW));
            assertThat(unreachable(log)).isEqualTo(2);
        }
    }

    private static long unreachable(LogCapture log) {
        return log.lines().stream().filter(l -> l.contains("unreachable")).count();
    }
}
