package dev.ccr.upstream;

import dev.ccr.upstream.Cancellation.Deadline;
import dev.ccr.upstream.Cancellation.Reason;
import dev.ccr.upstream.Cancellation.TimedOut;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CancellationTest {
    @Test
    void theFirstReasonWinsAndAChildInheritsIt() {
        Cancellation request = new Cancellation();
        Cancellation attempt = request.child();
        request.cancel(Reason.CLIENT_LEFT);
        request.cancel(new TimedOut(Deadline.TOTAL, Duration.ofSeconds(1)));
        assertThat(request.reason()).contains(Reason.CLIENT_LEFT);
        assertThat(attempt.clientLeft()).isTrue();
    }

    @Test
    void aChildsTimeoutLeavesTheParentRunning() {
        Cancellation request = new Cancellation();
        Cancellation attempt = request.child();
        attempt.cancel(new TimedOut(Deadline.IDLE, Duration.ofMillis(250)));
        assertThat(request.isCancelled()).isFalse();
        assertThat(attempt.clientLeft()).isFalse();
        assertThat(attempt.reason()).hasValueSatisfying(r -> assertThat(r).hasToString("timed out: no data for 250 ms"));
    }

    @Test
    void afterFinishNothingIsCancelled() {
        Cancellation request = new Cancellation();
        request.finish();
        request.cancel(Reason.CLIENT_LEFT);
        assertThat(request.reason()).isEmpty();
    }

    @Test
    void aTimeoutIsATimeoutFailureAndALeavingClientACancellation() {
        assertThat(UpstreamException.cancelled(new TimedOut(Deadline.FIRST_BYTE, Duration.ofSeconds(2))))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT))
                .hasMessage("upstream call timed out: no first byte within 2000 ms");
        assertThat(UpstreamException.cancelled(Reason.CLIENT_LEFT).kind()).isEqualTo(UpstreamException.Kind.CANCELLED);
    }
}
