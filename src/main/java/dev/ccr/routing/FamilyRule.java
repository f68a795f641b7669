package dev.ccr.routing;

import dev.ccr.config.FamilyRoutes;
import dev.ccr.config.RouterSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CCR fork's family routing (docs/ccr-checklist.md item 79): with {@code Router.enableFamilyRouting}, a request for
 * an opus, sonnet or haiku model (or a {@code ccr-opus}-style alias) is routed by {@code Router.families.<family>}, in
 * the fork's order: extended context ({@code [1m]} or above the extended threshold), long context, web search, think,
 * default. A family step whose route is not set is skipped.
 *
 * <p>The fork ignores a {@code <CCR-SUBAGENT-MODEL>} tag when a family resolves (pitfall P-25); ccr lets the tag win:
 * this rule passes and the subagent rule decides.
 */
final class FamilyRule implements Rule {
    @Override
    public String name() {
        return "family";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        RouterSettings router = request.router();
        if (!router.enableFamilyRouting()) {
            return RuleOutcome.pass("Router.enableFamilyRouting is off");
        }
        String model = request.model().orElse("");
        Optional<ModelFamily> found = ModelFamily.of(model);
        if (found.isEmpty()) {
            return RuleOutcome.pass("model '" + model + "' is no opus, sonnet or haiku model and no ccr-* alias");
        }
        ModelFamily family = found.get();
        String at = "Router.families." + family.family();
        FamilyRoutes routes = router.families().get(family.family());
        if (routes == null) {
            return RuleOutcome.pass("model '" + model + "' is family " + family.family() + ", but " + at + " is not configured");
        }
        if (request.subagentTag().isPresent()) {
            return RuleOutcome.pass("family " + family.family() + ", but a " + SubagentTag.OPEN + " tag is present; the subagent rule decides");
        }
        String seen = "model '" + model + "' is family " + family.family();
        List<String> skipped = new ArrayList<>();

        int extendedThreshold = routes.extendedContextThreshold().orElse(router.extendedContextThreshold());
        Optional<String> extended = family.extended() ? Optional.of("it carries [1m]")
                : request.tokenCount() > extendedThreshold ? Optional.of(request.tokenCount() + " tokens > extended threshold " + extendedThreshold)
                : Optional.empty();
        Optional<RuleOutcome> step = step(request, extended, routes.extendedContext(), at + ".extendedContext", "extendedContext", seen, skipped);
        if (step.isPresent()) {
            return withFamilyFallbacks(step.get(), routes);
        }
        int longThreshold = routes.longContextThreshold().orElse(router.longContextThreshold());
        step = step(request, Signals.longContext(request, longThreshold), routes.longContext(), at + ".longContext", "longContext", seen, skipped);
        if (step.isPresent()) {
            return withFamilyFallbacks(step.get(), routes);
        }
        step = step(request, Signals.webSearch(request), routes.webSearch(), at + ".webSearch", "webSearch", seen, skipped);
        if (step.isPresent()) {
            return withFamilyFallbacks(step.get(), routes);
        }
        step = step(request, Signals.think(request), routes.think(), at + ".think", "think", seen, skipped);
        if (step.isPresent()) {
            return withFamilyFallbacks(step.get(), routes);
        }
        RuleOutcome fallback = Routes.to(request, Optional.of(routes.defaultRoute()), at + ".default", "default",
                seen + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")"));
        return withFamilyFallbacks(fallback, routes);
    }

    /** A family route carries the family's fallback list for its scenario (the fork's first fallback stage). */
    private static RuleOutcome withFamilyFallbacks(RuleOutcome outcome, FamilyRoutes routes) {
        return outcome instanceof RuleOutcome.Route route ? route.withFallbacks(routes.fallbackFor(route.scenario())) : outcome;
    }

    /** One family scenario: routes when its signal is present and its route is usable; else notes why not. */
    private static Optional<RuleOutcome> step(RoutingRequest request, Optional<String> signal, Optional<String> route,
                                              String setting, String scenario, String seen, List<String> skipped) {
        if (signal.isEmpty()) {
            return Optional.empty();
        }
        RuleOutcome outcome = Routes.to(request, route, setting, scenario, seen + ", " + signal.get());
        if (outcome instanceof RuleOutcome.Route) {
            return Optional.of(outcome);
        }
        skipped.add(signal.get() + " but " + setting + " is not usable");
        return Optional.empty();
    }
}
