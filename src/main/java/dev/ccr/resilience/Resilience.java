package dev.ccr.resilience;

import dev.ccr.config.ResilienceSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The resilience state a running router keeps across requests: health, promotions, the planner over them, and what
 * providers said they refuse.
 */
public record Resilience(ProviderHealth health, Promotions promotions, FallbackPlanner planner, Refusals refusals) {
    /**
     * @param healthFile where breaker states persist ({@code runtime/provider-health.json}), or empty to keep them in memory
     * @param gate       what else closes a provider to a request (a spent quota)
     * @param breakers   told of every breaker change (the log, metrics)
     */
    public static Resilience create(ResilienceSettings settings, Clock clock, Optional<Path> healthFile, ProviderGate gate,
                                    BreakerListener breakers) {
        Promotions promotions = new Promotions(settings.promotionTtl(), () -> clock.millis() * 1_000_000L);
        ProviderHealth health = new ProviderHealth(settings, clock, promotions, healthFile, breakers);
        return new Resilience(health, promotions, new FallbackPlanner(settings, health, promotions, gate),
                new Refusals(clock));
    }
}
