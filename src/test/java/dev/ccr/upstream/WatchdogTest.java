package dev.ccr.upstream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WatchdogTest {
    private final Deadlines deadlines = new Deadlines();

    @AfterEach
    void stop() {
        deadlines.close();
    }

    private static String reasonAfter(Cancellation call, Duration wait, Runnable eachTick) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (!call.isCancelled() && System.nanoTime() < end) {
            eachTick.run();
            Thread.sleep(Deadlines.TICK_MS / 2);
        }
        return call.reason().map(Object::toString).orElse("running");
    }

    @Test
    void theTotalLimitHoldsWhileBytesKeepComing() throws Exception {
        Cancellation call = new Cancellation();
        Watchdog watchdog = Watchdog.start(deadlines,
                new Timeouts(Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(200)), call);

        assertThat(reasonAfter(call, Duration.ofSeconds(5), () -> watchdog.readDone(10)))
                .isEqualTo("timed out after 300 ms");
    }

    @Test
    void noFirstByteWithinItsLimitCancels() throws Exception {
        Cancellation call = new Cancellation();
        Watchdog.start(deadlines, new Timeouts(Duration.ofMinutes(1), Duration.ofMillis(150), Duration.ofMillis(100)), call);

        assertThat(reasonAfter(call, Duration.ofSeconds(5), () -> { })).isEqualTo("timed out: no first byte within 150 ms");
    }

    @Test
    void silenceAfterTheFirstByteCancelsButNotAfterTheBodyEnded() throws Exception {
        Cancellation silent = new Cancellation();
        Watchdog.start(deadlines, new Timeouts(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMillis(150)), silent)
                .readDone(5);
        Cancellation ended = new Cancellation();
        Watchdog whole = Watchdog.start(deadlines,
                new Timeouts(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMillis(150)), ended);
        whole.readDone(5);
        whole.readDone(-1);

        assertThat(reasonAfter(silent, Duration.ofSeconds(5), () -> { })).isEqualTo("timed out: no data for 150 ms");
        assertThat(reasonAfter(ended, Duration.ofMillis(500), () -> { })).isEqualTo("running");
    }

    @Test
    void aCallIsWatchedUntilItFinishesOrIsCancelled() {
        Cancellation finished = new Cancellation();
        Cancellation cancelled = new Cancellation();
        Watchdog.start(deadlines, Timeouts.total(Duration.ofMinutes(1)), finished);
        Watchdog.start(deadlines, Timeouts.total(Duration.ofMinutes(1)), cancelled);
        assertThat(deadlines.watching()).isEqualTo(2);

        finished.finish();
        cancelled.cancel(Cancellation.Reason.CLIENT_LEFT);

        assertThat(deadlines.watching()).isZero();
    }
}
