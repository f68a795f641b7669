package dev.ccr.routing;

/**
 * The last rule: {@code Router.default} of the Router that applies, when it is configured (docs/routing.md, "The
 * order").
 */
final class DefaultRule implements Rule {
    @Override
    public String name() {
        return "default";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        return Routes.to(request, request.router().defaultRoute(), "Router.default", "default", "no scenario applied");
    }
}
