package dev.ccr.routing;

/**
 * Sends requests offering a {@code web_search*} server tool to {@code Router.webSearch}; it beats think
 * (docs/ccr-checklist.md item 28).
 */
final class WebSearchRule implements Rule {
    @Override
    public String name() {
        return "web-search";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        return Signals.webSearch(request)
                .map(saw -> Routes.to(request, request.router().webSearch(), "Router.webSearch", "webSearch", saw))
                .orElseGet(() -> RuleOutcome.pass("no tool of type web_search*"));
    }
}
