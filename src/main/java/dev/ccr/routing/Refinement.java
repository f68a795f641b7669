package dev.ccr.routing;

/**
 * A step that runs after a rule has routed and may send the request elsewhere because of what was chosen, e.g. to an
 * image model when the chosen one cannot read images. Like a rule, it routes or passes with a reason.
 */
interface Refinement {
    String name();

    RuleOutcome refine(RoutingRequest request, RuleOutcome.Route chosen);
}
