package dev.ccr.daemon;

import java.util.concurrent.CountDownLatch;

/** How a foreground server learns it must stop: the JVM's shutdown (Ctrl-C, SIGTERM) in real runs, a latch in tests. */
@FunctionalInterface
public interface StopSignal {
    /** Blocks until the process is asked to stop; {@code cleanup} has run exactly once when this returns. */
    public void awaitThen(Runnable cleanup) throws InterruptedException;

    /** Waits for JVM shutdown and runs {@code cleanup} in the shutdown hook, so it completes before the JVM halts. */
    public static StopSignal shutdownHook() {
        return cleanup -> {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cleanup.run();
                } finally {
                    stopped.countDown();
                }
            }, "ccr-shutdown"));
            stopped.await();
        };
    }
}
