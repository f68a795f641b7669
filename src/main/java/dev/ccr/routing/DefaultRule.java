package dev.ccr.routing;

import java.util.Optional;

/** The last rule: {@code Router.default}, when it is configured (spec §2.2 step 7). */
final class DefaultRule implements Rule {
    @Override
    public String name() {
        return "default";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        Optional<String> route = request.config().router().defaultRoute();
        if (route.isEmpty()) {
            return RuleOutcome.pass("Router.default is not set");
        }
        return Target.parse(route.get())
                .map(target -> RuleOutcome.route(target, "default", "Router.default is " + route.get()))
                .orElseGet(() -> RuleOutcome.pass("Router.default '" + route.get() + "' is not provider,model"));
    }
}
