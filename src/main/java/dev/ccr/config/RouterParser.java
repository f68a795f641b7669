package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the {@code Router} object (CCR's keys, the fork's and ccr's {@code rules}; docs/configuration.md) into
 * {@link RouterSettings}, adding every problem it finds to the caller's lists. Used for the config file and for project
 * and session router files alike.
 */
final class RouterParser {
    private final List<ConfigProblem> errors;
    private final List<ConfigProblem> warnings;
    private final Path baseDir;

    RouterParser(List<ConfigProblem> errors, List<ConfigProblem> warnings, Path baseDir) {
        this.errors = errors;
        this.warnings = warnings;
        this.baseDir = baseDir;
    }

    RouterSettings parse(JsonNode node, List<Provider> providers) {
        if (node.isMissingNode() || node.isNull()) {
            return RouterSettings.EMPTY;
        }
        if (!node.isObject()) {
            errors.add(new ConfigProblem("Router", "must be an object", "write \"Router\": {\"default\": \"provider,model\"}"));
            return RouterSettings.EMPTY;
        }
        Set<String> providerNames = new HashSet<>();
        providers.forEach(p -> providerNames.add(p.name()));
        return new RouterSettings(route(node, "default"), route(node, "background"), route(node, "think"),
                route(node, "longContext"), threshold(node, RouterSettings.DEFAULT_LONG_CONTEXT_THRESHOLD, "longContextThreshold"),
                route(node, "webSearch"), route(node, "image"),
                route(node, "extendedContext"), threshold(node, RouterSettings.DEFAULT_EXTENDED_CONTEXT_THRESHOLD, "extendedContextThreshold"),
                node.path("enableFamilyRouting").asBoolean(false), families(node.path("families")), models(node.path("models")),
                new RouteRulesParser(errors, warnings, providerNames).parse("Router.rules", node.path("rules"), baseDir),
                node);
    }

    /** CCR reads thresholds as {@code Router.x || default}: absent, 0 or not a number mean the default. */
    private static int threshold(JsonNode node, int fallback, String key) {
        JsonNode threshold = node.path(key);
        return threshold.canConvertToInt() && threshold.asInt() > 0 ? threshold.asInt() : fallback;
    }

    /**
     * {@code Router.families}: opus, sonnet and haiku, each with a required default route (docs/routing.md, "Model
     * families").
     */
    private Map<String, FamilyRoutes> families(JsonNode node) {
        Map<String, FamilyRoutes> families = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return families;
        }
        if (!node.isObject()) {
            errors.add(new ConfigProblem("Router.families", "must be an object", "write \"families\": {\"opus\": {\"default\": \"provider,model\"}}"));
            return families;
        }
        node.properties().forEach(field -> {
            String path = "Router.families." + field.getKey();
            JsonNode family = field.getValue();
            if (!FamilyRoutes.NAMES.contains(field.getKey())) {
                errors.add(new ConfigProblem(path, "is not a model family", "use opus, sonnet or haiku"));
                return;
            }
            Optional<String> defaultRoute = ConfigParser.text(family, "default");
            if (!family.isObject() || defaultRoute.isEmpty()) {
                errors.add(new ConfigProblem(path + ".default", "is missing", "give the family a default route, e.g. \"default\": \"provider,model\""));
                return;
            }
            families.put(field.getKey(), new FamilyRoutes(defaultRoute.get(), route(family, "think"), route(family, "longContext"),
                    optionalThreshold(family, "longContextThreshold"), route(family, "extendedContext"),
                    optionalThreshold(family, "extendedContextThreshold"), route(family, "webSearch"), route(family, "image"),
                    familyFallback(family.path("fallback"))));
        });
        return families;
    }

    /** {@code families.<f>.fallback}: scenario → routes; entries that are not strings are ignored. */
    private static Map<String, List<String>> familyFallback(JsonNode node) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            List<String> routes = new ArrayList<>();
            field.getValue().forEach(route -> {
                if (route.isTextual()) {
                    routes.add(route.textValue());
                }
            });
            lists.put(field.getKey(), routes);
        });
        return lists;
    }

    private static OptionalInt optionalThreshold(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.canConvertToInt() && value.asInt() > 0 ? OptionalInt.of(value.asInt()) : OptionalInt.empty();
    }

    /** {@code Router.models}: requested model (or family name, or a substring of it) to {@code "provider,model"}. */
    private Map<String, String> models(JsonNode node) {
        Map<String, String> models = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return models;
        }
        if (!node.isObject()) {
            errors.add(new ConfigProblem("Router.models", "must be an object", "write \"models\": {\"claude-sonnet-5\": \"provider,model\"}"));
            return models;
        }
        node.properties().forEach(field -> {
            String value = field.getValue().asText("");
            if (!field.getValue().isTextual() || value.indexOf(',') <= 0) {
                errors.add(new ConfigProblem("Router.models." + field.getKey(), "'" + value + "' is not \"provider,model\"",
                        "map the model to a route such as \"deepseek,deepseek-chat\""));
                return;
            }
            models.put(field.getKey(), value);
        });
        return models;
    }

    private Optional<String> route(JsonNode router, String scenario) {
        return ConfigParser.text(router, scenario);
    }
}
