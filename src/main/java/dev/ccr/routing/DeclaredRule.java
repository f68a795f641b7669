package dev.ccr.routing;

import dev.ccr.config.RouteRule;

import java.util.Optional;

/**
 * One rule from {@code Router.rules} (docs/routing.md): when its condition holds, the request goes to its route, a
 * {@code provider,model} or a {@code Router.<key>} of the Router that applies. Named {@code rules/<name>} in
 * explanations.
 */
final class DeclaredRule implements Rule {
    private final RouteRule rule;

    DeclaredRule(RouteRule rule) {
        this.rule = rule;
    }

    @Override
    public String name() {
        return "rules/" + rule.name();
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        ConditionMatcher.Verdict verdict = ConditionMatcher.test(rule.when(), request);
        if (!verdict.holds()) {
            return RuleOutcome.pass("did not match: " + verdict.saw());
        }
        Optional<String> key = rule.routerKey();
        if (key.isPresent()) {
            return Routes.to(request, request.router().route(key.get()), rule.route(), key.get(), "matched: " + verdict.saw());
        }
        return Routes.to(request, Optional.of(rule.route()), "its route", "default", "matched: " + verdict.saw());
    }
}
