package dev.ccr.routing;

import java.util.Optional;

/**
 * Routes a Claude Code agent whose prompt carries {@code <CCR-SUBAGENT-MODEL>provider,model</CCR-SUBAGENT-MODEL>} to
 * that model (docs/ccr-checklist.md item 33). The tag is found and stripped by {@link StripSubagentTagRule}; this rule
 * only routes, at CCR's place in the order (after long context).
 */
final class SubagentRule implements Rule {
    @Override
    public String name() {
        return "subagent";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        Optional<SubagentTag> tag = request.subagentTag();
        if (tag.isEmpty()) {
            return RuleOutcome.pass("no " + SubagentTag.OPEN + " tag");
        }
        return Target.parse(tag.get().value())
                .map(target -> RuleOutcome.route(target.canonicalIn(request.config()), "default",
                        "the tag in " + tag.get().foundAt() + " asks for " + tag.get().value()))
                .orElseGet(() -> RuleOutcome.pass("the tag in " + tag.get().foundAt() + " holds '" + tag.get().value()
                        + "', which is not provider,model"));
    }
}
