package dev.ccr.app;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class OldGenerationBudgetTest {
    private static final long MIB = 1L << 20;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final AtomicInteger fullCollections = new AtomicInteger();
    private final OldGenerationBudget budget = new OldGenerationBudget(used::get, live::get, () -> {
        fullCollections.incrementAndGet();
        used.set(live.get());
    });

    @Test
    void collectsOnlyOnceTheOldGenerationOutgrewWhatTheLastCollectionLeftByTheBudget() {
        live.set(20 * MIB);
        used.set(20 * MIB + OldGenerationBudget.BUDGET_BYTES);
        budget.check();
        assertThat(fullCollections).as("at the budget").hasValue(0);
        used.addAndGet(1);
        budget.check();
        assertThat(fullCollections).hasValue(1);
        budget.check();
        assertThat(fullCollections).as("back to what is live").hasValue(1);
    }

    @Test
    void beforeAnyFullCollectionTheBudgetCountsFromNothing() {
        used.set(OldGenerationBudget.BUDGET_BYTES - MIB);
        budget.check();
        assertThat(fullCollections).hasValue(0);
        used.set(OldGenerationBudget.BUDGET_BYTES + MIB);
        budget.check();
        assertThat(fullCollections).hasValue(1);
    }

    @Test
    void runsOnlyUnderTheSerialCollector() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            boolean serial = IdleHeapReturn.serialYoungCollector().isPresent();
            assertThat(OldGenerationBudget.startIfSerial(timer)).as("serial collector: " + serial).isEqualTo(serial);
        } finally {
            timer.shutdownNow();
        }
    }
}
