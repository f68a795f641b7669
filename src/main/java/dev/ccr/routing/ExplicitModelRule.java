package dev.ccr.routing;

import java.util.Optional;

/**
 * Routes a request whose model is already {@code provider,model} (what Claude Code's {@code /model p,m} sends) to
 * exactly that target (spec §2.2 step 1). Names are matched ignoring case and rewritten as configured; an unknown
 * provider or model is still routed as written, so the failure names it.
 */
final class ExplicitModelRule implements Rule {
    @Override
    public String name() {
        return "explicit-model";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        Optional<String> model = request.model().filter(m -> m.contains(","));
        if (model.isEmpty()) {
            return RuleOutcome.pass("model " + request.model().map(m -> "'" + m + "'").orElse("absent") + " names no provider");
        }
        Optional<Target> asked = Target.parse(model.get());
        if (asked.isEmpty()) {
            return RuleOutcome.pass("model '" + model.get() + "' has a comma but no provider before it");
        }
        Target target = asked.get().canonicalIn(request.config());
        return RuleOutcome.route(target, "default", "the request names " + model.get()
                + (target.toString().equals(model.get()) ? "" : ", configured as " + target));
    }
}
