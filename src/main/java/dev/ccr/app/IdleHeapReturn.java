package dev.ccr.app;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Gives the heap back once the process has gone quiet. The launcher runs the serial collector (the smallest footprint
 * and no marking threads for a heap of a few tens of MiB, docs/benchmarks.md), which shrinks the heap only when it
 * collects everything; an idle router allocates nearly nothing, so without this the heap a busy hour grew stays.
 *
 * <p>Quiet means no young collection for {@link #QUIET}: under any traffic the small young generation fills every few
 * seconds. Then, if more than {@link #SLACK} of the committed heap is unused, one full collection runs, and not
 * again until a young collection shows that work has started and stopped again. Other collectors (a user's choice in
 * {@code CCR_JAVA_OPTS}) give memory back their own way (G1's periodic collection), so this runs only for the serial
 * one.
 */
final class IdleHeapReturn implements AutoCloseable {
    static final Duration QUIET = Duration.ofSeconds(15);
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    /** Less unused heap than this is not worth a full collection. */
    static final long SLACK = 4L << 20;

    private final LongSupplier youngCollections;
    private final Supplier<MemoryUsage> heap;
    private final Runnable collect;
    private final LongSupplier clock;
    private long lastCount = -1;
    private long quietSince;
    private boolean returned;
    private ScheduledFuture<?> task;

    IdleHeapReturn(LongSupplier youngCollections, Supplier<MemoryUsage> heap, Runnable collect, LongSupplier nanoClock) {
        this.youngCollections = youngCollections;
        this.heap = heap;
        this.collect = collect;
        this.clock = nanoClock;
    }

    /** Starts the checks on {@code timer} when the serial collector runs this JVM; empty otherwise. */
    static Optional<IdleHeapReturn> startIfSerial(ScheduledExecutorService timer) {
        return serialYoungCollector().map(young -> {
            IdleHeapReturn idle = new IdleHeapReturn(young::getCollectionCount, ManagementFactory.getMemoryMXBean()::getHeapMemoryUsage,
                    System::gc, System::nanoTime);
            long period = CHECK_EVERY.toMillis();
            idle.task = timer.scheduleWithFixedDelay(idle::check, period, period, TimeUnit.MILLISECONDS);
            return idle;
        });
    }

    /** The serial collector's young-generation bean ("Copy"), if that collector runs this JVM. */
    static Optional<GarbageCollectorMXBean> serialYoungCollector() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(gc -> gc.getName().equals("Copy")).findFirst();
    }

    /** One look: collects when the heap has been quiet long enough with enough of it unused. */
    synchronized void check() {
        long count = youngCollections.getAsLong();
        long at = clock.getAsLong();
        if (count != lastCount) {
            lastCount = count;
            quietSince = at;
            returned = false;
            return;
        }
        if (returned || at - quietSince < QUIET.toNanos()) {
            return;
        }
        MemoryUsage now = heap.get();
        if (now.getCommitted() - now.getUsed() > SLACK) {
            collect.run();
        }
        returned = true;
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
