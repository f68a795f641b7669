package dev.ccr.pipeline;

import dev.ccr.config.ResilienceSettings;
import dev.ccr.resilience.FallbackPlanner;
import dev.ccr.resilience.ProviderHealth;
import dev.ccr.resilience.Promotions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The resilience state a running router keeps across requests: health, promotions, and the planner over them. */
public record Resilience(ProviderHealth health, Promotions promotions, FallbackPlanner planner) {
    /**
     * @param healthFile where breaker states persist ({@code runtime/provider-health.json}), or empty to keep them in memory
     */
    public static Resilience create(ResilienceSettings settings, Clock clock, Optional<Path> healthFile) {
        Promotions promotions = new Promotions(settings.promotionTtl(), () -> clock.millis() * 1_000_000L);
        ProviderHealth health = new ProviderHealth(settings, clock, promotions, healthFile);
        return new Resilience(health, promotions, new FallbackPlanner(settings, health, promotions));
    }
}
