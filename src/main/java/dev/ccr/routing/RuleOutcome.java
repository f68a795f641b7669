package dev.ccr.routing;

import java.util.List;
import java.util.Objects;

/**
 * What one rule said about a request: route it to a target, or pass with a reason. Either may carry body edits the
 * pipeline applies after deciding (a stripped tag, a rewritten prompt); a rule never changes the body itself.
 */
public sealed interface RuleOutcome {
    String reason();

    List<BodyEdit> edits();

    /**
     * The rule decides: the request goes to {@code target} under {@code scenario}; {@code fallbacks} are the rule's own
     * {@code provider,model} routes to try if the target fails (before the top-level {@code fallback} list).
     */
    record Route(Target target, String scenario, String reason, List<BodyEdit> edits, List<String> fallbacks)
            implements RuleOutcome {
        public Route {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(reason, "reason");
            edits = List.copyOf(edits);
            fallbacks = List.copyOf(fallbacks);
        }

        Route withFallbacks(List<String> routes) {
            return new Route(target, scenario, reason, edits, routes);
        }
    }

    /** The rule does not decide; {@code reason} says what it saw. */
    record Pass(String reason, List<BodyEdit> edits) implements RuleOutcome {
        public Pass {
            Objects.requireNonNull(reason, "reason");
            edits = List.copyOf(edits);
        }
    }

    static RuleOutcome route(Target target, String scenario, String reason) {
        return new Route(target, scenario, reason, List.of(), List.of());
    }

    static RuleOutcome route(Target target, String scenario, String reason, List<BodyEdit> edits) {
        return new Route(target, scenario, reason, edits, List.of());
    }

    static RuleOutcome pass(String reason) {
        return new Pass(reason, List.of());
    }

    static RuleOutcome pass(String reason, List<BodyEdit> edits) {
        return new Pass(reason, edits);
    }
}
