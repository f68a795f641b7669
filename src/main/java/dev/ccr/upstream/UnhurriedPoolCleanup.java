package dev.ccr.upstream;

import okhttp3.ConnectionPool;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs OkHttp's idle-connection cleanup on a timer instead of after every answer.
 *
 * <p>OkHttp schedules its pool cleanup for "now" each time a connection goes back to the pool, which wakes the
 * cleanup thread once per request: on two cores that wake-up and the lock around it were a fifth of the CPU of a
 * small proxied request (docs/benchmarks.md). Here the cleanup thread is never woken early; it looks at the pool at
 * least every {@link #LONGEST_NAP} and whenever a task falls due, so an idle connection is closed at most that much
 * later than its keep-alive. Only the pool's own queue runs on this runner: connections, and HTTP/2's frame writers,
 * keep OkHttp's shared runner.
 *
 * <p>This uses OkHttp's internal {@code TaskRunner.Backend} (public in the bytecode, stable across 5.x), the one
 * seam OkHttp has for its scheduling.
 */
final class UnhurriedPoolCleanup implements TaskRunner.Backend {
    static final Duration LONGEST_NAP = Duration.ofSeconds(1);

    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("ccr-upstream-pool-cleanup").factory());

    /** A pool keeping up to {@code idle} connections for {@code keepAlive}, cleaned up by this backend. */
    static ConnectionPool pool(int idle, Duration keepAlive) {
        TaskRunner runner = new TaskRunner(new UnhurriedPoolCleanup(), Logger.getLogger(UnhurriedPoolCleanup.class.getName()));
        return new ConnectionPool(idle, keepAlive.toNanos(), TimeUnit.NANOSECONDS, runner, ConnectionListener.Companion.getNONE());
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void coordinatorNotify(TaskRunner taskRunner) {
        // Not woken: the coordinator's next nap ends within LONGEST_NAP and picks the new task up.
    }

    @Override
    public void coordinatorWait(TaskRunner taskRunner, long nanos) {
        long nap = Math.min(nanos, LONGEST_NAP.toNanos());
        if (nap <= 0) {
            return;
        }
        try {
            // The caller holds the runner's monitor and re-checks its tasks after every wait, as with OkHttp's backend.
            taskRunner.wait(nap / 1_000_000, (int) (nap % 1_000_000));
        } catch (InterruptedException e) {
            throw rethrown(e); // OkHttp's coordinator catches it and cancels its tasks (the Kotlin interface hides it)
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException rethrown(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public <T> BlockingQueue<T> decorate(BlockingQueue<T> queue) {
        return queue;
    }

    @Override
    public void execute(TaskRunner taskRunner, Runnable runnable) {
        threads.execute(runnable);
    }
}
