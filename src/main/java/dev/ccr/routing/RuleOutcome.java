package dev.ccr.routing;

/** What one rule said about a request: route it to a target, or pass with a reason. */
public sealed interface RuleOutcome {
    String reason();

    /** The rule decides: the request goes to {@code target} under {@code scenario}. */
    record Route(Target target, String scenario, String reason) implements RuleOutcome {
    }

    /** The rule does not apply; {@code reason} says what it saw. */
    record Pass(String reason) implements RuleOutcome {
    }

    static RuleOutcome route(Target target, String scenario, String reason) {
        return new Route(target, scenario, reason);
    }

    static RuleOutcome pass(String reason) {
        return new Pass(reason);
    }
}
