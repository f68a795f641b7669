package dev.ccr.upstream;

import dev.ccr.upstream.Cancellation.Deadline;
import dev.ccr.upstream.Cancellation.TimedOut;

import java.time.Duration;

/**
 * Enforces one call's {@link Timeouts}: cancels it when the total time passes, when no body byte arrived within the
 * first-byte limit, or when the body fell silent for longer than the idle limit. A read only notes the time;
 * {@link Deadlines} checks, until the call finishes.
 */
final class Watchdog {
    private final Timeouts timeouts;
    private final Cancellation cancellation;
    private final long started = System.nanoTime();
    private volatile long lastRead;
    private volatile boolean sawFirstByte;
    private volatile boolean bodyEnded;

    private Watchdog(Timeouts timeouts, Cancellation cancellation) {
        this.timeouts = timeouts;
        this.cancellation = cancellation;
    }

    /** Watches a call that starts now, until {@code cancellation} finishes or is cancelled. */
    static Watchdog start(Deadlines deadlines, Timeouts timeouts, Cancellation cancellation) {
        Watchdog watchdog = new Watchdog(timeouts, cancellation);
        deadlines.watch(watchdog);
        cancellation.onFinish(() -> deadlines.unwatch(watchdog));
        return watchdog;
    }

    /** A read returned {@code n} bytes (or -1 at the end). */
    void readDone(int n) {
        if (n < 0) {
            bodyEnded = true;
        } else if (n > 0) {
            lastRead = System.nanoTime();
            sawFirstByte = true;
        }
    }

    /** Cancels the call if one of its limits passed by {@code now} (a {@link System#nanoTime()}). */
    void check(long now) {
        if (passed(timeouts.total(), now - started)) {
            cancellation.cancel(new TimedOut(Deadline.TOTAL, timeouts.total()));
        } else if (bodyEnded) {
            return;
        } else if (!sawFirstByte && passed(timeouts.firstByte(), now - started)) {
            cancellation.cancel(new TimedOut(Deadline.FIRST_BYTE, timeouts.firstByte()));
        } else if (sawFirstByte && passed(timeouts.idle(), now - lastRead)) {
            cancellation.cancel(new TimedOut(Deadline.IDLE, timeouts.idle()));
        }
    }

    private static boolean passed(Duration limit, long elapsedNanos) {
        return limit.isPositive() && elapsedNanos >= limit.toNanos();
    }
}
