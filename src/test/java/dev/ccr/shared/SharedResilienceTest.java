package dev.ccr.shared;

import dev.ccr.config.ResilienceSettings;
import dev.ccr.resilience.Failure;
import dev.ccr.resilience.FailureKind;
import dev.ccr.resilience.ModelRef;
import dev.ccr.resilience.Promotions;
import dev.ccr.resilience.ProviderHealth;
import dev.ccr.testing.Closer;
import dev.ccr.testing.LocalRedis;
import dev.ccr.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances' resilience state shared through a real Redis, including while it is away and when it is back. */
class SharedResilienceTest {
    private static final ModelRef PRIMARY = new ModelRef("p", "m");
    private static final ModelRef FALLBACK = new ModelRef("q", "n");

    /** One ccr instance's resilience state, shared through its own connection to Redis. */
    private record Instance(ProviderHealth health, Promotions promotions, RedisState redis) {
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
        Clock clock = Clock.systemUTC();
        Promotions promotions = new Promotions(Duration.ofMinutes(10), () -> clock.millis() * 1_000_000L);
        ProviderHealth health = new ProviderHealth(ResilienceSettings.DEFAULTS, clock, promotions, Optional.empty());
        RedisState state = RedisState.connect(redis.uri());
        closing.add(state);
        SharedResilience.share(state, health, promotions, clock);
        return new Instance(health, promotions, state);
    }

    private static void openCircuit(Instance instance, ModelRef model) {
        for (int i = 0; i < ResilienceSettings.DEFAULTS.failureThreshold(); i++) {
            instance.health().recordFailure(model, Failure.of(FailureKind.SERVER_ERROR, "HTTP 500"));
        }
    }

    @Test
    void aCircuitOpenedOnOneInstanceIsSkippedByTheOtherWithinASecond() {
        Instance a = instance();
        Instance b = instance();

        openCircuit(a, PRIMARY);

        assertThat(a.health().isAvailable(PRIMARY)).isFalse();
        assertThat(within(Duration.ofSeconds(1), () -> !b.health().isAvailable(PRIMARY))).isTrue();
        assertThat(b.health().snapshot(PRIMARY).orElseThrow().lastError()).contains("HTTP 500");
    }

    @Test
    void aPromotionIsSharedAndSoIsItsEnd() {
        Instance a = instance();
        Instance b = instance();

        a.promotions().promote(PRIMARY, "default", FALLBACK);
        assertThat(within(Duration.ofSeconds(1), () -> b.promotions().promoted(PRIMARY, "default").isPresent())).isTrue();
        assertThat(b.promotions().promoted(PRIMARY, "default")).contains(FALLBACK);

        b.health().recordFailure(FALLBACK, Failure.of(FailureKind.SERVER_ERROR, "HTTP 500")); // the fallback failed on b
        assertThat(within(Duration.ofSeconds(1), () -> a.promotions().promoted(PRIMARY, "default").isEmpty())).isTrue();
    }

    @Test
    void anInstanceStartedLaterTakesOnWhatTheOthersAlreadyKnow() {
        Instance a = instance();
        openCircuit(a, PRIMARY);
        a.promotions().promote(PRIMARY, "default", FALLBACK);

        Instance late = instance();

        assertThat(within(Duration.ofSeconds(1), () -> !late.health().isAvailable(PRIMARY))).isTrue();
        assertThat(late.promotions().promoted(PRIMARY, "default")).contains(FALLBACK);
    }

    @Test
    void withRedisAwayBothServeOnLocalStateLogItOnceAndCatchUpWhenItIsBack() {
        Instance a = instance();
        Instance b = instance();
        try (LogCapture log = LogCapture.of("dev.ccr.shared")) {
            redis.pause();
            assertThat(within(Duration.ofSeconds(5), () -> a.redis().degraded() && b.redis().degraded())).isTrue();

            openCircuit(a, PRIMARY); // learnt while Redis is away: a skips it, b cannot know yet
            a.promotions().promote(FALLBACK, "think", PRIMARY);
            assertThat(a.health().isAvailable(PRIMARY)).isFalse();
            assertThat(b.health().isAvailable(PRIMARY)).isTrue();
            // once per instance (the warning follows the flag, so it is waited for)
            assertThat(within(Duration.ofSeconds(1),
                    () -> log.lines().stream().filter(l -> l.contains("unreachable")).count() == 2)).isTrue();

            redis.resume();

            assertThat(within(Duration.ofSeconds(10), () -> !b.health().isAvailable(PRIMARY))).isTrue();
            assertThat(within(Duration.ofSeconds(2), () -> b.promotions().promoted(FALLBACK, "think").isPresent())).isTrue();
            assertThat(a.redis().degraded()).isFalse();
            assertThat(log.lines()).filteredOn(l -> l.contains("unreachable")).hasSize(2);
            assertThat(log.text()).contains("reachable again");
        }
    }

    /** Polls {@code condition} until it holds or {@code limit} has passed; whether it held. */
    static boolean within(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return true;
    }
}
