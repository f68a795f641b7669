package dev.ccr.routing;

import dev.ccr.config.DiscoveryIds;

import java.util.Optional;

/**
 * Routes a request whose model is already {@code provider,model} (what Claude Code's {@code /model p,m} sends) to
 * exactly that target (docs/ccr-checklist.md item 32). Names are matched ignoring case and rewritten as configured; an
 * unknown provider or model is still routed as written, so the failure names it. A discovery id from
 * {@code GET /v1/models} ({@code claude-ccr:provider,model}, {@link DiscoveryIds}) is read as the
 * {@code provider,model} it wraps.
 */
final class ExplicitModelRule implements Rule {
    @Override
    public String name() {
        return "explicit-model";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        Optional<String> model = request.model()
                .map(m -> DiscoveryIds.target(m).orElse(m))
                .filter(m -> m.contains(","));
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
