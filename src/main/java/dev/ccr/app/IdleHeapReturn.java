package dev.ccr.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gives the heap back once the process has gone quiet. The launcher runs the serial collector (the smallest footprint
 * and no marking threads for a heap of a few tens of MiB, docs/benchmarks.md), which shrinks the heap only when it
 * collects everything; an idle router allocates nearly nothing, so without this the heap a busy hour grew stays.
 *
 * <p>Quiet means no young collection for {@link #QUIET}: under any traffic the small young generation fills every few
 * seconds. Then one full collection runs, and the C library's free memory is handed back, once per quiet spell: not
 * again until a young collection shows that work has started and stopped again. How much of the heap is garbage is
 * not known before collecting (objects promoted early under load count as used), and one collection of a heap of
 * a few tens of MiB live takes about 0.1 s. Other collectors (a user's choice in {@code CCR_JAVA_OPTS}) give memory
 * back their own way (G1's periodic collection), so this runs only for the serial one.
 */
final class IdleHeapReturn {
    private static final Logger LOG = LoggerFactory.getLogger(IdleHeapReturn.class);
    static final Duration QUIET = Duration.ofSeconds(15);
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final LongSupplier youngCollections;
    private final Runnable collect;
    private final LongSupplier clock;
    private long lastCount = -1;
    private long quietSince;
    private boolean returned;

    IdleHeapReturn(LongSupplier youngCollections, Runnable collect, LongSupplier nanoClock) {
        this.youngCollections = youngCollections;
        this.collect = collect;
        this.clock = nanoClock;
    }

    /**
     * Starts the checks on {@code timer} (which stops them when it shuts down) when the serial collector runs this
     * JVM; returns whether it did.
     */
    static boolean startIfSerial(ScheduledExecutorService timer) {
        return serialYoungCollector().map(young -> {
            IdleHeapReturn idle = new IdleHeapReturn(young::getCollectionCount, IdleHeapReturn::collectAndTrim, System::nanoTime);
            long period = CHECK_EVERY.toMillis();
            timer.scheduleWithFixedDelay(idle::check, period, period, TimeUnit.MILLISECONDS);
            return true;
        }).orElse(false);
    }

    /**
     * One full collection, then the C library's free memory handed back to the system ({@code jcmd <pid>
     * System.trim_native_heap}, run in-process): buffers and compiler arenas freed under load stay mapped otherwise.
     * Trimming periodically under load instead ({@code -XX:TrimNativeHeapInterval}) cost a third of a millisecond
     * per request at one connection (docs/benchmarks.md).
     */
    static void collectAndTrim() {
        System.gc();
        trimNativeHeap();
    }

    /** What the JVM reported for the trim, or empty when it could not. */
    static String trimNativeHeap() {
        try {
            Object report = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "systemTrimNativeHeap", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(report);
        } catch (JMException | RuntimeException e) {
            LOG.debug("Could not trim the native heap: {}", e.toString());
            return "";
        }
    }

    /** The serial collector's young-generation bean ("Copy"), if that collector runs this JVM. */
    static Optional<GarbageCollectorMXBean> serialYoungCollector() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(gc -> gc.getName().equals("Copy")).findFirst();
    }

    /** One look: collects when the process has been quiet long enough, once per quiet spell. */
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
        collect.run();
        returned = true;
    }
}
