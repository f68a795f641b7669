package dev.ccr.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One failed attempt, classified: its kind, the HTTP status if there was one (0 otherwise), the provider's
 * {@code Retry-After}, and a message without secrets.
 */
public record Failure(FailureKind kind, int status, Optional<Duration> retryAfter, String message) {
    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(message, "message");
    }

    public static Failure of(FailureKind kind, String message) {
        return new Failure(kind, 0, Optional.empty(), message);
    }

    public static Failure ofStatus(int status, Optional<Duration> retryAfter, String message) {
        return new Failure(FailureKind.ofStatus(status), status, retryAfter, message);
    }
}
