package dev.ccr.resilience;

import java.util.Optional;

/**
 * Closes a provider to some requests for a reason other than its health, such as a spent quota; the fallback planner
 * skips a closed candidate as it skips an open circuit, and says why.
 */
@FunctionalInterface
public interface ProviderGate {
    /** Every provider open. */
    ProviderGate OPEN = (model, scenario) -> Optional.empty();

    /** Why {@code model} must not take a request of {@code scenario} now, or empty when it may. */
    Optional<String> closedReason(ModelRef model, String scenario);
}
