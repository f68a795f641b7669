package dev.ccr.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The health of one provider and model, as a circuit breaker (the CCR fork's rules, docs/resilience.md): closed until
 * {@code failureThreshold} failures in a row, then open; after {@code probeInterval} one request may probe it
 * (half-open); {@code halfOpenSuccesses} successes close it again, any failure while half-open reopens it. A rate
 * limit opens it only until the cooldown (or the provider's {@code Retry-After}) has passed.
 *
 * <p>Thread-safe; all times come from the injected clock.
 */
public final class CircuitBreaker {
    /** The breaker's states, as {@code GET /api/health} shows them. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** A copy of the breaker's state at one moment. */
    public record Snapshot(State state, int failureCount, int successCount, Optional<Instant> lastFailureTime,
                           Optional<String> lastError, Optional<Instant> rateLimitUntil, Optional<Instant> openedAt) {
    }

    private final Clock clock;
    private final int failureThreshold;
    private final Duration probeInterval;
    private final int halfOpenSuccesses;
    private State state = State.CLOSED;
    private int failures;
    private int successes;
    private Instant openedAt;
    private Instant rateLimitUntil;
    private Instant lastFailureTime;
    private String lastError;

    CircuitBreaker(Clock clock, int failureThreshold, Duration probeInterval, int halfOpenSuccesses) {
        this.clock = clock;
        this.failureThreshold = failureThreshold;
        this.probeInterval = probeInterval;
        this.halfOpenSuccesses = halfOpenSuccesses;
    }

    /** True when a request may go to this model now; an open breaker past its probe interval lets one probe through. */
    public synchronized boolean isAvailable() {
        if (state != State.OPEN) {
            return true;
        }
        Instant now = clock.instant();
        if (rateLimitUntil != null) {
            return !now.isBefore(rateLimitUntil);
        }
        if (!now.isBefore(openedAt.plus(probeInterval))) {
            state = State.HALF_OPEN;
            successes = 0;
            return true;
        }
        return false;
    }

    /**
     * Records a success.
     *
     * @return true when this success closed the breaker (the model recovered)
     */
    public synchronized boolean recordSuccess() {
        switch (state) {
            case CLOSED -> failures = 0;
            case OPEN -> {
                state = State.HALF_OPEN;
                successes = 1;
                failures = 0;
                rateLimitUntil = null;
            }
            case HALF_OPEN -> successes++;
        }
        if (state == State.HALF_OPEN && successes >= halfOpenSuccesses) {
            reset();
            return true;
        }
        return false;
    }

    /** Records a hard failure: counts toward opening, and reopens a half-open breaker at once. */
    public synchronized void recordFailure(String error) {
        lastFailureTime = clock.instant();
        lastError = error;
        failures++;
        if (state == State.HALF_OPEN || state == State.CLOSED && failures >= failureThreshold) {
            open();
        }
    }

    /** Opens the breaker until {@code until}; a rate limit is a cooldown, not a failure streak. */
    public synchronized void markRateLimited(Instant until, String error) {
        lastFailureTime = clock.instant();
        lastError = error;
        state = State.OPEN;
        openedAt = lastFailureTime;
        rateLimitUntil = until;
    }

    /** Opens the breaker at once (a fallback succeeded where this model failed); the last real error is kept. */
    public synchronized void forceOpen(String reason) {
        lastFailureTime = clock.instant();
        lastError = lastError == null ? reason : lastError;
        failures = Math.max(failures, failureThreshold);
        open();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(state, failures, successes, Optional.ofNullable(lastFailureTime), Optional.ofNullable(lastError),
                Optional.ofNullable(rateLimitUntil), Optional.ofNullable(openedAt));
    }

    /** Restores a persisted state (used when ccr starts). */
    synchronized void restore(Snapshot saved) {
        state = saved.state();
        failures = saved.failureCount();
        successes = saved.successCount();
        lastFailureTime = saved.lastFailureTime().orElse(null);
        lastError = saved.lastError().orElse(null);
        rateLimitUntil = saved.rateLimitUntil().orElse(null);
        openedAt = saved.openedAt().orElse(state == State.CLOSED ? null : clock.instant());
    }

    synchronized boolean isClosedAndClean() {
        return state == State.CLOSED && failures == 0;
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
        rateLimitUntil = null;
        successes = 0;
    }

    private void reset() {
        state = State.CLOSED;
        failures = 0;
        successes = 0;
        openedAt = null;
        rateLimitUntil = null;
    }
}
