package dev.ccr.routing;

import dev.ccr.config.RouterSettings;

import java.util.Map;
import java.util.Optional;

/**
 * The CCR fork's {@code Router.models} (docs/routing.md, "The order"): maps the requested model to a route, looked up
 * by the exact name, then the normalised name (after the last {@code /} and {@code ,}, before {@code :}, lower case),
 * then its family ({@code opus}, {@code sonnet}, {@code haiku}), then any key contained in the name. {@code ccr-*}
 * aliases are not mapped while family routing is off, as in the fork.
 */
final class ModelMappingRule implements Rule {
    @Override
    public String name() {
        return "model-mapping";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        RouterSettings router = request.router();
        if (router.models().isEmpty()) {
            return RuleOutcome.pass("Router.models is not set");
        }
        Optional<String> asked = request.model();
        if (asked.isEmpty()) {
            return RuleOutcome.pass("the request names no model");
        }
        String model = asked.get();
        Optional<ModelFamily> family = ModelFamily.of(model);
        if (family.isPresent() && family.get().alias() && !router.enableFamilyRouting()) {
            return RuleOutcome.pass("'" + model + "' is a family alias and family routing is off");
        }
        return lookup(router.models(), model, family)
                .map(key -> Routes.to(request, Optional.of(router.models().get(key)), "Router.models['" + key + "']", "modelMapping",
                        "model '" + model + "' maps by key '" + key + "'"))
                .orElseGet(() -> RuleOutcome.pass("no Router.models key matches '" + model + "'"));
    }

    private static Optional<String> lookup(Map<String, String> models, String model, Optional<ModelFamily> family) {
        if (models.containsKey(model)) {
            return Optional.of(model);
        }
        String normalized = ModelFamily.normalize(model);
        if (models.containsKey(normalized)) {
            return Optional.of(normalized);
        }
        if (family.isPresent() && models.containsKey(family.get().family())) {
            return Optional.of(family.get().family());
        }
        return models.keySet().stream()
                .filter(key -> !ModelFamily.normalize(key).isEmpty() && normalized.contains(ModelFamily.normalize(key)))
                .findFirst();
    }
}
