package dev.ccr.app;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IdleHeapReturnTest {
    private final AtomicLong youngCollections = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger fullCollections = new AtomicInteger();
    private final IdleHeapReturn idle = new IdleHeapReturn(youngCollections::get, fullCollections::incrementAndGet, nanos::get);

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
    void theNativeHeapIsTrimmedInProcess() {
        assertThat(IdleHeapReturn.trimNativeHeap()).as("the JVM's own report of the trim").containsIgnoringCase("trim native heap");
    }
}
