package dev.ccr.routing;

/**
 * Sends long requests to {@code Router.longContext} (docs/ccr-checklist.md items 29 and 31): more tokens than
 * {@code Router.longContextThreshold} (default 60000), or a session whose previous answer saw more than that while
 * this request is above 20000. Comes before every other scenario.
 */
final class LongContextRule implements Rule {
    @Override
    public String name() {
        return "long-context";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        int threshold = request.router().longContextThreshold();
        return Signals.longContext(request, threshold)
                .map(saw -> Routes.to(request, request.router().longContext(), "Router.longContext", "longContext", saw))
                .orElseGet(() -> RuleOutcome.pass(request.tokenCount() + " tokens ≤ threshold " + threshold
                        + request.lastUsage().map(u -> ", last usage " + u.promptTokens()).orElse(", no last usage")));
    }
}
