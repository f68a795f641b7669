package dev.ccr.upstream;

import dev.ccr.upstream.Cancellation.Deadline;
import dev.ccr.upstream.Cancellation.Reason;
import dev.ccr.upstream.Cancellation.TimedOut;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces one call's {@link Timeouts}: cancels it when the total time passes, when no body byte arrived within the
 * first-byte limit, or when the body fell silent for longer than the idle limit. Stops watching when the call finishes.
 */
final class Watchdog {
    private final ScheduledExecutorService scheduler;
    private final Timeouts timeouts;
    private final Cancellation cancellation;
    private ScheduledFuture<?> waiting;
    private boolean sawFirstByte;

    Watchdog(ScheduledExecutorService scheduler, Timeouts timeouts, Cancellation cancellation) {
        this.scheduler = scheduler;
        this.timeouts = timeouts;
        this.cancellation = cancellation;
        ScheduledFuture<?> total = schedule(timeouts.total(), new TimedOut(Deadline.TOTAL, timeouts.total()));
        cancellation.onFinish(() -> total.cancel(false));
        cancellation.onFinish(this::stopWaiting);
        rearm(timeouts.firstByte(), Deadline.FIRST_BYTE);
    }

    /** A read returned {@code n} bytes (or -1 at the end). */
    synchronized void readDone(int n) {
        if (n < 0) {
            stopWaiting();
            return;
        }
        if (n > 0) {
            sawFirstByte = true;
        }
        if (sawFirstByte) {
            rearm(timeouts.idle(), Deadline.IDLE);
        }
    }

    private synchronized void rearm(Duration limit, Deadline deadline) {
        stopWaiting();
        if (!limit.isZero() && !limit.isNegative()) {
            waiting = schedule(limit, new TimedOut(deadline, limit));
        }
    }

    private synchronized void stopWaiting() {
        if (waiting != null) {
            waiting.cancel(false);
            waiting = null;
        }
    }

    private ScheduledFuture<?> schedule(Duration delay, Reason reason) {
        return scheduler.schedule(() -> cancellation.cancel(reason), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
