package dev.ccr.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How ccr rides out failing providers: the fallback lists per scenario (top-level {@code fallback},
 * docs/resilience.md), whether falling back is on ({@code Router.enableFallback}), and the {@code Resilience} object's
 * breaker, promotion, retry and timeout settings (docs/resilience.md).
 *
 * @param fallbackEnabled   {@code Router.enableFallback}; when absent, on exactly when a {@code fallback} list exists
 * @param fallback          scenario → {@code provider,model} routes tried in order after the primary
 * @param firstByteTimeout  streaming calls only: the first body byte must arrive within this; zero = no limit
 * @param idleTimeout       streaming calls only: the longest silence between reads; zero = no limit
 * @param retries           extra tries of the same target after a retriable failure, before moving on
 * @param maxRetryAfterWait the longest {@code Retry-After} ccr waits out itself when no other candidate is left
 */
public record ResilienceSettings(
        boolean fallbackEnabled,
        Map<String, List<String>> fallback,
        int failureThreshold,
        Duration probeInterval,
        int halfOpenSuccesses,
        Duration rateLimitCooldown,
        Duration promotionTtl,
        int retries,
        Duration maxRetryAfterWait,
        Duration connectTimeout,
        Duration firstByteTimeout,
        Duration idleTimeout) {

    /** The CCR fork's breaker defaults (docs/resilience.md) and ccr's timeouts. */
    public static final ResilienceSettings DEFAULTS = new ResilienceSettings(false, Map.of(), 3, Duration.ofMinutes(5), 2,
            Duration.ofSeconds(120), Duration.ofMinutes(10), 1, Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(180), Duration.ofSeconds(180));

    public ResilienceSettings {
        fallback = Map.copyOf(fallback);
    }

    /** The fallback routes for {@code scenario}, or none. */
    public List<String> fallbackFor(String scenario) {
        return fallback.getOrDefault(scenario, List.of());
    }
}
