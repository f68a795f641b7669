package dev.ccr.routing;

/**
 * Sends requests that really ask for extended thinking ({@code thinking.type == "enabled"}) to {@code Router.think}
 * (docs/ccr-checklist.md item 27). CCR fires for any {@code thinking} field; ccr does not route {@code adaptive} or
 * {@code disabled} thinking here (pitfall P-21, docs/compatibility.md).
 */
final class ThinkRule implements Rule {
    @Override
    public String name() {
        return "think";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        return Signals.think(request)
                .map(saw -> Routes.to(request, request.router().think(), "Router.think", "think", saw))
                .orElseGet(() -> RuleOutcome.pass("thinking is " + request.thinkingType() + ", not enabled"));
    }
}
