package dev.ccr.routing;

/**
 * Sends very long requests, or a model named with the {@code [1m]} suffix, to {@code Router.extendedContext} (the
 * CCR fork's 1M-context route; docs/routing.md, "Model families"). Passes at once when no extended route is configured.
 */
final class ExtendedContextRule implements Rule {
    @Override
    public String name() {
        return "extended-context";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        if (request.router().extendedContext().isEmpty()) {
            return RuleOutcome.pass("Router.extendedContext is not set");
        }
        int threshold = request.router().extendedContextThreshold();
        return Signals.extendedContext(request, threshold)
                .map(saw -> Routes.to(request, request.router().extendedContext(), "Router.extendedContext", "extendedContext", saw))
                .orElseGet(() -> RuleOutcome.pass(request.tokenCount() + " tokens ≤ extended threshold " + threshold + " and no [1m] suffix"));
    }
}
