package dev.ccr.routing;

import dev.ccr.config.Provider;

import java.util.Optional;

/**
 * Routes a request whose model is already {@code provider,model} (what Claude Code's {@code /model p,m} sends) to
 * exactly that target. Names are matched ignoring case and rewritten as configured; an unknown provider or model is
 * still routed as written, so the failure names it (spec §2.2 step 1).
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
        Target asked = Target.parse(model.get()).orElseThrow();
        Optional<Provider> provider = request.config().provider(asked.provider());
        Target target = provider
                .map(p -> new Target(p.name(), p.canonicalModel(asked.model()).orElse(asked.model())))
                .orElse(asked);
        return RuleOutcome.route(target, "default", "the request names " + model.get());
    }
}
