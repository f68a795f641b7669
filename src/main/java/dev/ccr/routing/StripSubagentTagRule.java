package dev.ccr.routing;

/**
 * Removes every {@code <CCR-SUBAGENT-MODEL>} tag before the request goes upstream, whichever rule ends up deciding.
 * Never routes: {@link SubagentRule} does that at CCR's place in the order. (CCR leaves the tag in the prompt when an
 * explicit model or long context decides first; docs/compatibility.md, Routing.)
 */
final class StripSubagentTagRule implements Rule {
    @Override
    public String name() {
        return "strip-subagent-tag";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        return request.subagentTag()
                .map(tag -> RuleOutcome.pass("found " + SubagentTag.OPEN + tag.value() + "</…> in " + tag.foundAt()
                        + "; every tag is removed before forwarding", tag.strip()))
                .orElseGet(() -> RuleOutcome.pass("no " + SubagentTag.OPEN + " tag in the system blocks or the first user message"));
    }
}
