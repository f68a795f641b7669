package dev.ccr.shared;

import dev.ccr.routing.LastUsage;
import dev.ccr.testing.Closer;
import dev.ccr.testing.LocalRedis;
import dev.ccr.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static dev.ccr.shared.SharedResilienceTest.within;
import static org.assertj.core.api.Assertions.assertThat;

/** Two instances' session last-usage caches shared through a real Redis, including while it is away. */
class RedisSessionUsageTest {
    private static final LastUsage LONG = new LastUsage(12, 68_000, 500);
    private static final LastUsage SHORT = new LastUsage(900, 0, 0);

    /** One ccr instance's session usage, with its own connection to Redis. */
    private record Instance(RedisSessionUsage sessions, RedisState redis) {
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
        RedisState state = RedisState.connect(redis.uri());
        closing.add(state);
        return new Instance(RedisSessionUsage.share(state, Clock.systemUTC()), state);
    }

    @Test
    void aSessionsLastUsageOneInstanceRecordedIsReadByAnotherThatNeverSawIt() {
        Instance a = instance();
        Instance b = instance();

        a.sessions().record("S1", LONG);

        assertThat(within(Duration.ofSeconds(1), () -> b.sessions().last("S1").isPresent())).isTrue();
        assertThat(b.sessions().last("S1")).contains(LONG);
        assertThat(b.sessions().last("S2")).as("a session nobody recorded").isEmpty();
    }

    @Test
    void aNewerUsageReplacesWhatTheOtherInstanceAlreadyKnew() {
        Instance a = instance();
        Instance b = instance();
        b.sessions().record("S1", SHORT);
        assertThat(within(Duration.ofSeconds(1), () -> a.sessions().last("S1").isPresent())).isTrue();
        assertThat(b.sessions().last("S2")).isEmpty(); // b now knows S2 as absent

        a.sessions().record("S1", LONG);
        a.sessions().record("S2", LONG);

        assertThat(within(Duration.ofSeconds(1), () -> b.sessions().last("S1").equals(Optional.of(LONG))
                && b.sessions().last("S2").isPresent())).isTrue();
    }

    @Test
    void anAnswerThatReportedNoUsageLeavesThePreviousRecord() {
        Instance a = instance();
        Instance b = instance();
        a.sessions().record("S1", LONG);
        a.sessions().record("S1", new LastUsage(0, 0, 0));

        assertThat(a.sessions().last("S1")).contains(LONG);
        assertThat(within(Duration.ofSeconds(1), () -> b.sessions().last("S1").isPresent())).isTrue();
        assertThat(b.sessions().last("S1")).contains(LONG);
    }

    @Test
    void eachSessionsEntryInRedisExpiresADayAfterItsLastAnswer() {
        Instance a = instance();
        a.sessions().record("S1", LONG);

        assertThat(within(Duration.ofSeconds(1), () -> a.redis().connection().orElseThrow().sync()
                .exists(RedisSessionUsage.PREFIX + "S1") == 1)).isTrue();
        long ttl = a.redis().connection().orElseThrow().sync().pttl(RedisSessionUsage.PREFIX + "S1");
        assertThat(ttl).isPositive().isLessThanOrEqualTo(RedisSessionUsage.TTL.toMillis())
                .isGreaterThan(RedisSessionUsage.TTL.toMillis() - 60_000);
    }

    @Test
    void withRedisAwayEachKeepsItsOwnAndTheyCatchUpWhenItIsBack() {
        Instance a = instance();
        Instance b = instance();
        assertThat(b.sessions().last("S1")).isEmpty(); // b knows S1 as absent
        try (LogCapture log = LogCapture.of("dev.ccr.shared")) {
            redis.pause();
            assertThat(within(Duration.ofSeconds(5), () -> a.redis().degraded() && b.redis().degraded())).isTrue();

            a.sessions().record("S1", LONG); // learnt while Redis is away: a routes by it, b cannot know yet
            assertThat(a.sessions().last("S1")).contains(LONG);
            assertThat(b.sessions().last("S1")).isEmpty();
            // once per instance (the warning follows the flag, so it is waited for)
            assertThat(within(Duration.ofSeconds(1), () -> unreachable(log) == 2)).isTrue();

            redis.resume(); // empty, like a Redis without persistence

            assertThat(within(Duration.ofSeconds(10), () -> !a.redis().degraded() && !b.redis().degraded())).isTrue();
            assertThat(within(Duration.ofSeconds(2), () -> b.sessions().last("S1").isPresent())).isTrue();
            assertThat(b.sessions().last("S1")).contains(LONG);
            assertThat(unreachable(log)).isEqualTo(2);
        }
    }

    private static long unreachable(LogCapture log) {
        return log.lines().stream().filter(l -> l.contains("unreachable")).count();
    }
}
