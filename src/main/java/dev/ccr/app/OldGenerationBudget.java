package dev.ccr.app;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Collects the whole heap under load once the old generation has grown a fixed budget past what the last full
 * collection left live. The serial collector (the launcher's, docs/benchmarks.md) grows its old generation to take
 * every promotion rather than collect it, up to the heap's cap: under steady traffic, objects that outlive a young
 * collection or two (streams in flight, pooled connections, cache entries) were promoted and died there, and the heap
 * grew by about 11 MiB a minute in the soak, RSS 213 to 291 MiB in nine minutes, none of it live. A full collection
 * of a few tens of MiB takes tens of milliseconds; the budget makes it one every few minutes of heavy load.
 */
final class OldGenerationBudget implements AutoCloseable {
    static final long BUDGET_BYTES = 32L << 20;

    private final LongSupplier used;
    private final LongSupplier usedAfterLastFullCollection;
    private final Runnable collect;
    private ScheduledFuture<?> task;

    OldGenerationBudget(LongSupplier used, LongSupplier usedAfterLastFullCollection, Runnable collect) {
        this.used = used;
        this.usedAfterLastFullCollection = usedAfterLastFullCollection;
        this.collect = collect;
    }

    /** Starts the checks on {@code timer} when the serial collector runs this JVM; empty otherwise. */
    static Optional<OldGenerationBudget> startIfSerial(ScheduledExecutorService timer) {
        if (IdleHeapReturn.serialYoungCollector().isEmpty()) {
            return Optional.empty();
        }
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getName().equals("Tenured Gen")).findFirst()
                .map(old -> {
                    OldGenerationBudget budget = new OldGenerationBudget(() -> old.getUsage().getUsed(),
                            () -> afterLastCollection(old), System::gc);
                    long period = IdleHeapReturn.CHECK_EVERY.toMillis();
                    budget.task = timer.scheduleWithFixedDelay(budget::check, period, period, TimeUnit.MILLISECONDS);
                    return budget;
                });
    }

    private static long afterLastCollection(MemoryPoolMXBean old) {
        return old.getCollectionUsage() == null ? 0 : old.getCollectionUsage().getUsed();
    }

    /** One look: collects when the old generation is over its budget. */
    void check() {
        if (used.getAsLong() > usedAfterLastFullCollection.getAsLong() + BUDGET_BYTES) {
            collect.run();
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
