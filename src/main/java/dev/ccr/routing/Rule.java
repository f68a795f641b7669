package dev.ccr.routing;

/** One step of the routing order: looks at a request and either routes it or passes with a reason. */
public interface Rule {
    /** A short stable name shown in explanations, e.g. {@code explicit-model}. */
    String name();

    RuleOutcome evaluate(RoutingRequest request);
}
