package dev.ccr.routing;

import java.util.Optional;

/** Turns a configured route ({@code Router.think}, a family's default, …) into an outcome that says where it came from. */
final class Routes {
    private Routes() {
    }

    /**
     * Routes to {@code route} under {@code scenario} when it is set and well formed; otherwise passes, saying so.
     *
     * @param setting the route's name in the config, e.g. {@code Router.think}
     * @param saw     what the rule saw that made it want this route
     */
    static RuleOutcome to(RoutingRequest request, Optional<String> route, String setting, String scenario, String saw) {
        if (route.isEmpty()) {
            return RuleOutcome.pass(saw + ", but " + setting + " is not set");
        }
        Optional<Target> target = Target.parse(route.get());
        if (target.isEmpty()) {
            return RuleOutcome.pass(saw + ", but " + setting + " '" + route.get() + "' is not provider,model");
        }
        return RuleOutcome.route(target.get().canonicalIn(request.config()), scenario, saw + "; " + setting + " is " + route.get());
    }
}
