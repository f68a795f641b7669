package dev.ccr.app;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Collects the whole heap under load once the old generation has grown a fixed budget past what the last full
 * collection left live. The serial collector (the launcher's, docs/benchmarks.md) grows its old generation to take
 * every promotion rather than collect it, up to the heap's cap: objects that outlive a young collection or two
 * (requests in flight, pooled connections, cache entries) are promoted and die there. In the soak the heap grew by
 * about 11 MiB a minute (RSS 213 to 291 MiB in nine minutes); sixteen concurrent Claude Code requests filled the
 * 256 MiB cap within seconds with 15 to 25 MiB live (RSS 384 MiB after compare.sh's load). A full collection of
 * such a heap takes 30 to 70 ms. The budget trades memory for throughput where many requests are in flight: 32 MiB
 * held RSS after that load at 199 MiB and cost a quarter of the small requests' rate at 64 connections in one
 * back-to-back pair; 64 MiB held 197 to 258 MiB, and what it costs is not settled (docs/benchmarks.md, runs Q, R).
 */
final class OldGenerationBudget {
    static final long BUDGET_BYTES = 64L << 20;
    /**
     * Often enough to catch the budget within a young collection or two: twenty concurrent Claude Code requests
     * promote up to 40 MiB a second. A look is one read of the pool's usage.
     */
    static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final LongSupplier used;
    private final LongSupplier usedAfterLastFullCollection;
    private final Runnable collect;

    OldGenerationBudget(LongSupplier used, LongSupplier usedAfterLastFullCollection, Runnable collect) {
        this.used = used;
        this.usedAfterLastFullCollection = usedAfterLastFullCollection;
        this.collect = collect;
    }

    /**
     * Starts the checks on {@code timer} (which stops them when it shuts down) when the serial collector runs this
     * JVM, the one with a "Tenured Gen" pool; returns whether it did.
     */
    static boolean startIfSerial(ScheduledExecutorService timer) {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getName().equals("Tenured Gen")).findFirst()
                .map(old -> {
                    OldGenerationBudget budget = new OldGenerationBudget(() -> old.getUsage().getUsed(),
                            () -> afterLastCollection(old), System::gc);
                    long period = CHECK_EVERY.toMillis();
                    timer.scheduleWithFixedDelay(budget::check, period, period, TimeUnit.MILLISECONDS);
                    return true;
                })
                .orElse(false);
    }

    private static long afterLastCollection(MemoryPoolMXBean old) {
        MemoryUsage afterLast = old.getCollectionUsage();
        return afterLast == null ? 0 : afterLast.getUsed();
    }

    /** One look: collects when the old generation is over its budget. */
    void check() {
        if (used.getAsLong() > usedAfterLastFullCollection.getAsLong() + BUDGET_BYTES) {
            collect.run();
        }
    }
}
