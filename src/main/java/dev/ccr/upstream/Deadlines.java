package dev.ccr.upstream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Checks the deadlines of every call in flight, every {@value #TICK_MS} ms, on one timer thread that runs only while
 * there are calls (and a second after the last). A timer scheduled per call, and moved at every read, woke that thread
 * several times per request: a twentieth of a passed-through request's CPU (docs/benchmarks.md). A deadline is
 * noticed up to one tick late; ccr's limits are seconds.
 */
final class Deadlines implements AutoCloseable {
    static final long TICK_MS = 50;
    /** Quiet ticks before the thread stops: a session's next request usually comes within the second. */
    private static final int QUIET_TICKS = 20;

    private final ScheduledExecutorService timer;
    private final Set<Watchdog> watched = ConcurrentHashMap.newKeySet();
    private boolean ticking;
    private int quietTicks;

    Deadlines() {
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("ccr-deadlines").factory());
    }

    /** Checks {@code watchdog} at every tick until {@link #unwatch}. */
    void watch(Watchdog watchdog) {
        watched.add(watchdog);
        synchronized (this) {
            quietTicks = 0;
            if (!ticking) {
                ticking = true;
                timer.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    void unwatch(Watchdog watchdog) {
        watched.remove(watchdog);
    }

    /** How many calls are watched. */
    int watching() {
        return watched.size();
    }

    private void tick() {
        long now = System.nanoTime();
        watched.forEach(watchdog -> watchdog.check(now));
        synchronized (this) {
            if (watched.isEmpty() && ++quietTicks >= QUIET_TICKS) {
                ticking = false;
                return;
            }
        }
        timer.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
