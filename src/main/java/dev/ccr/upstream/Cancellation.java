package dev.ccr.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upstream work of one client request, cancellable as a whole: the client went away, or a deadline passed.
 * Actions added after cancellation run at once, so a call that starts late is still cancelled. {@link #finish()} ends
 * the request normally: pending cancel actions are dropped and cleanup (such as a scheduled deadline) runs.
 */
public final class Cancellation {
    /** Why the work was cancelled. */
    public sealed interface Reason {
        /** The client's connection closed. */
        Reason CLIENT_LEFT = new ClientLeft();
    }

    /** The client went away; that says nothing about the provider. */
    public record ClientLeft() implements Reason {
        @Override
        public String toString() {
            return "client disconnected";
        }
    }

    /** A deadline of one call passed. */
    public record TimedOut(Deadline deadline, Duration limit) implements Reason {
        @Override
        public String toString() {
            long ms = limit.toMillis();
            return switch (deadline) {
                case TOTAL -> "timed out after " + ms + " ms";
                case FIRST_BYTE -> "timed out: no first byte within " + ms + " ms";
                case IDLE -> "timed out: no data for " + ms + " ms";
            };
        }
    }

    /** The limits of {@link Timeouts}, by name. */
    public enum Deadline { TOTAL, FIRST_BYTE, IDLE }

    private final List<Runnable> onCancel = new ArrayList<>();
    private final List<Runnable> onFinish = new ArrayList<>();
    private Reason reason;
    private boolean finished;

    /** Runs {@code action} on cancellation, or now if already cancelled; never after {@link #finish()}. */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (finished) {
                return;
            }
            if (reason == null) {
                onCancel.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    /** Runs {@code action} when the request finishes or is cancelled, whichever comes first. */
    public void onFinish(Runnable action) {
        synchronized (this) {
            if (!finished && reason == null) {
                onFinish.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    /** Cancels once; later calls, and calls after {@link #finish()}, do nothing. */
    public void cancel(Reason why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null || finished) {
                return;
            }
            reason = why;
            toRun = new ArrayList<>(onCancel);
            toRun.addAll(onFinish);
            onCancel.clear();
            onFinish.clear();
        }
        toRun.forEach(Cancellation::runQuietly);
    }

    /** The request is over: nothing will be cancelled any more. */
    public void finish() {
        List<Runnable> toRun;
        synchronized (this) {
            if (finished || reason != null) {
                return;
            }
            finished = true;
            toRun = List.copyOf(onFinish);
            onCancel.clear();
            onFinish.clear();
        }
        toRun.forEach(Cancellation::runQuietly);
    }

    /**
     * A scope for one part of the work (one attempt): cancelled with this one, but cancelling or finishing it leaves
     * this one running.
     */
    public Cancellation child() {
        Cancellation child = new Cancellation();
        onCancel(() -> child.cancel(reason().orElseThrow()));
        return child;
    }

    public synchronized boolean isCancelled() {
        return reason != null;
    }

    /** Why it was cancelled; empty while it is not. */
    public synchronized Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }

    /** Whether it was cancelled because the client left. */
    public boolean clientLeft() {
        return reason().orElse(null) instanceof ClientLeft;
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // cancelling is best effort: a failing action must not stop the others
        }
    }
}
