package dev.ccr.quota;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One usage window of a plan ({@code 5h}, {@code 7d}) or of a rate limit: how much of it is used, out of how much,
 * and when it starts afresh. Units are the provider's (requests, tokens, prompts or percent).
 */
public record QuotaWindow(String name, double used, double limit, Optional<Instant> resetAt) {
    public static final String FIVE_HOURS = "5h";
    public static final String SEVEN_DAYS = "7d";

    public QuotaWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resetAt, "resetAt");
    }

    /** The share left, 0 to 100. */
    public double remainingPercent() {
        return limit <= 0 ? 0 : Math.max(0, Math.min(100, 100 * (limit - used) / limit));
    }

    /** Nothing left in this window. */
    public boolean exhausted() {
        return limit > 0 && used >= limit;
    }

    /** The window has started afresh since it was read (so what it said no longer holds). */
    public boolean isResetBy(Instant now) {
        return resetAt.isPresent() && !now.isBefore(resetAt.get());
    }
}
