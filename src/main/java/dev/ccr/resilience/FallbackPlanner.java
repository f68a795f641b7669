package dev.ccr.resilience;

import dev.ccr.config.ResilienceSettings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plans which models a request tries: a fresh promotion first, then the routed model, then the scenario's fallbacks
 * (the routing decision's own, e.g. a family's, then the top-level {@code fallback} list, docs/resilience.md). Models
 * with an open circuit, models a {@link ProviderGate} closes (a spent quota), unknown models and repeats are skipped;
 * if that leaves nothing, the routed model is tried anyway as a last resort.
 */
public final class FallbackPlanner {
    private final ResilienceSettings settings;
    private final ProviderHealth health;
    private final Promotions promotions;
    private final ProviderGate gate;

    public FallbackPlanner(ResilienceSettings settings, ProviderHealth health, Promotions promotions) {
        this(settings, health, promotions, ProviderGate.OPEN);
    }

    public FallbackPlanner(ResilienceSettings settings, ProviderHealth health, Promotions promotions, ProviderGate gate) {
        this.settings = settings;
        this.health = health;
        this.promotions = promotions;
        this.gate = gate;
    }

    /**
     * @param decisionFallbacks fallbacks the routing decision carries (tried before the top-level list)
     * @param configured        whether a model names a configured provider (unknown ones are skipped as fallbacks)
     */
    public Plan plan(ModelRef primary, String scenario, List<String> decisionFallbacks, Predicate<ModelRef> configured) {
        List<Candidate> candidates = new ArrayList<>();
        List<Plan.Skipped> skipped = new ArrayList<>();
        Set<ModelRef> seen = new LinkedHashSet<>();

        if (settings.fallbackEnabled()) {
            promotions.promoted(primary, scenario).ifPresent(promoted -> {
                if (health.isAvailable(promoted) && configured.test(promoted) && gate.closedReason(promoted, scenario).isEmpty()) {
                    candidates.add(new Candidate(promoted, Candidate.Role.PROMOTED));
                    seen.add(promoted);
                }
            });
        }
        seen.add(primary);
        Optional<String> primaryClosed = health.isAvailable(primary) ? gate.closedReason(primary, scenario) : Optional.of("circuit open");
        if (primaryClosed.isPresent()) {
            skipped.add(new Plan.Skipped(primary, primaryClosed.get()));
        } else {
            candidates.add(new Candidate(primary, Candidate.Role.PRIMARY));
        }
        if (settings.fallbackEnabled()) {
            List<String> routes = new ArrayList<>(decisionFallbacks);
            routes.addAll(settings.fallbackFor(scenario));
            for (String route : routes) {
                ModelRef fallback = ModelRef.parseOrNull(route);
                if (fallback == null || !seen.add(fallback)) {
                    continue;
                }
                Optional<String> why = !configured.test(fallback) ? Optional.of("not configured")
                        : !health.isAvailable(fallback) ? Optional.of("circuit open")
                        : gate.closedReason(fallback, scenario);
                if (why.isPresent()) {
                    skipped.add(new Plan.Skipped(fallback, why.get()));
                } else {
                    candidates.add(new Candidate(fallback, Candidate.Role.FALLBACK));
                }
            }
        }
        if (candidates.isEmpty()) {
            candidates.add(new Candidate(primary, Candidate.Role.LAST_RESORT));
        }
        return new Plan(candidates, skipped);
    }
}
