package dev.ccr.app;

import org.junit.jupiter.api.Test;

import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IdleHeapReturnTest {
    private static final long MIB = 1L << 20;

    private final AtomicLong youngCollections = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger fullCollections = new AtomicInteger();
    private MemoryUsage heap = new MemoryUsage(16 * MIB, 20 * MIB, 80 * MIB, 256 * MIB);
    private final IdleHeapReturn idle = new IdleHeapReturn(youngCollections::get, () -> heap, fullCollections::incrementAndGet, nanos::get);

    private void after(long seconds) {
        nanos.addAndGet(seconds * 1_000_000_000L);
        idle.check();
    }

    @Test
    void collectsOnceWhenNoYoungCollectionRanForTheQuietTime() {
        idle.check();
        after(10);
        assertThat(fullCollections).as("quiet for 10 s only").hasValue(0);
        after(5);
        assertThat(fullCollections).hasValue(1);
        after(60);
        assertThat(fullCollections).as("once per quiet spell").hasValue(1);
    }

    @Test
    void workInBetweenPostponesItAndAStartsANewQuietSpell() {
        idle.check();
        for (int i = 0; i < 10; i++) {
            youngCollections.incrementAndGet();
            after(5);
        }
        assertThat(fullCollections).as("busy").hasValue(0);
        after(15);
        assertThat(fullCollections).hasValue(1);
        youngCollections.incrementAndGet();
        after(5);
        after(15);
        assertThat(fullCollections).as("quiet again after more work").hasValue(2);
    }

    @Test
    void aHeapWithLittleUnusedIsLeftAlone() {
        heap = new MemoryUsage(16 * MIB, 60 * MIB, 62 * MIB, 256 * MIB);
        idle.check();
        after(20);
        assertThat(fullCollections).hasValue(0);
    }
}
