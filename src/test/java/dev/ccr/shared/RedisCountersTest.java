package dev.ccr.shared;

import dev.ccr.limits.LimitCounters;
import dev.ccr.limits.LimitCounters.Ceilings;
import dev.ccr.testing.Closer;
import dev.ccr.testing.LocalRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.ccr.shared.SharedResilienceTest.within;
import static org.assertj.core.api.Assertions.assertThat;

/** Two instances' client-key counters in a real Redis. */
class RedisCountersTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

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

    private LimitCounters instance() {
        return new RedisCounters(closing.add(RedisState.connect(redis.uri())));
    }

    @Test
    void nearTheLimitEveryCountIsRedisOwn() {
        LimitCounters a = instance();
        LimitCounters b = instance();
        Ceilings three = new Ceilings(3, Long.MAX_VALUE);
        List<Long> counts = new ArrayList<>();
        for (LimitCounters instance : List.of(a, b, a, b, a)) {
            counts.add(instance.countRequest("requests:alice:1", MINUTE, "tokens:alice:d", three).requests());
        }
        assertThat(counts).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void farBelowTheLimitAnInstanceAnswersFromWhatItLastHeardAndRedisStillCountsEveryRequest() {
        LimitCounters a = instance();
        LimitCounters b = instance();
        Ceilings high = new Ceilings(1_000, Long.MAX_VALUE);
        assertThat(b.countRequest("requests:bob:1", MINUTE, "tokens:bob:d", high).requests()).isEqualTo(1);
        assertThat(a.countRequest("requests:bob:1", MINUTE, "tokens:bob:d", high).requests()).isEqualTo(2);
        List<Long> fromA = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fromA.add(a.countRequest("requests:bob:1", MINUTE, "tokens:bob:d", high).requests());
        }
        assertThat(fromA).as("a's own requests raise what it heard").isSorted().startsWith(3L).doesNotHaveDuplicates();

        // Every request reached Redis's own counter, those answered without waiting included.
        RedisState reader = closing.add(RedisState.connect(redis.uri()));
        assertThat(within(Duration.ofSeconds(5), () ->
                "12".equals(reader.connection().orElseThrow().sync().get("ccr:limit:requests:bob:1")))).isTrue();
    }

    @Test
    void tokensOnTheWayToTheirLimitAreAskedForTooWhenNear() {
        LimitCounters a = instance();
        LimitCounters b = instance();
        Ceilings tokens = new Ceilings(Long.MAX_VALUE, 100);
        a.countRequest("requests:carol:1", MINUTE, "tokens:carol:d", tokens);
        b.addTokens("tokens:carol:d", 90, Duration.ofDays(1));
        assertThat(within(Duration.ofSeconds(5), () ->
                a.countRequest("requests:carol:1", MINUTE, "tokens:carol:d", tokens).tokens() == 90)).isTrue();
    }
}
