package dev.ccr.routing;

/**
 * Sends Claude Haiku requests, Claude Code's background work, to {@code Router.background} (docs/ccr-checklist.md item
 * 26). As in CCR this always uses the global Router, even when a project Router applies.
 */
final class BackgroundRule implements Rule {
    @Override
    public String name() {
        return "background";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        return Signals.background(request)
                .map(saw -> Routes.to(request, request.config().router().background(), "Router.background", "background", saw))
                .orElseGet(() -> RuleOutcome.pass("model " + request.model().map(m -> "'" + m + "'").orElse("absent") + " is not a Claude Haiku"));
    }
}
