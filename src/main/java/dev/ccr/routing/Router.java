package dev.ccr.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a request goes by evaluating rules in order; the first rule that routes wins, and every rule
 * evaluated leaves a step in the decision's trace.
 */
public final class Router {
    private final List<Rule> rules;

    private Router(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** CCR's routing order (spec §2.2), declared once. */
    public static Router ccrDefault() {
        return new Router(List.of(
                new ExplicitModelRule(),
                new DefaultRule()));
    }

    /** This router with {@code rule} evaluated before all others (the JS custom router, spec §2.6). */
    public Router withFirst(Rule rule) {
        List<Rule> all = new ArrayList<>(rules.size() + 1);
        all.add(java.util.Objects.requireNonNull(rule, "rule"));
        all.addAll(rules);
        return new Router(all);
    }

    public RouteDecision decide(RoutingRequest request) {
        List<TraceStep> trace = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            RuleOutcome outcome = rule.evaluate(request);
            switch (outcome) {
                case RuleOutcome.Route route -> {
                    trace.add(new TraceStep(rule.name(), true, route.reason()));
                    return new RouteDecision(Optional.of(route.target()), route.scenario(), trace);
                }
                case RuleOutcome.Pass pass -> trace.add(new TraceStep(rule.name(), false, pass.reason()));
            }
        }
        return new RouteDecision(Optional.empty(), "default", trace);
    }
}
