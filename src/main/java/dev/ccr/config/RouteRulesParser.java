package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code Router.rules} into {@link RouteRule}s, following {@code {"use": "file"}} includes, and reports every
 * mistake as a {@link ConfigProblem} with its path and a remedy.
 *
 * <p>An include names a JSON5 rule file, found by {@link RuleFiles}; a {@code when} is read by {@link WhenParser}.
 * A rule file is either an array of rules or
 * an object {@code {"description", "params": {name: default}, "rules": [...]}}; {@code #{name}} in a route is replaced
 * by the include's {@code with} value or the file's default.
 */
final class RouteRulesParser {
    /** Includes nested deeper than this are surely a mistake. */
    private static final int MAX_DEPTH = 8;
    private static final Pattern PARAM = Pattern.compile("#\\{([A-Za-z0-9_.-]+)}");
    private static final Set<String> RULE_KEYS = Set.of("name", "when", "route", "description");
    private static final Set<String> INCLUDE_KEYS = Set.of("use", "with", "description");
    private static final Set<String> FILE_KEYS = Set.of("description", "params", "rules");

    private final List<ConfigProblem> errors;
    private final List<ConfigProblem> warnings;
    private final Set<String> providers;
    private final Set<String> names = new HashSet<>();
    private final WhenParser conditions;

    /**
     * @param providers names of the configured providers, to warn about routes to unknown ones; empty to skip the check
     */
    RouteRulesParser(List<ConfigProblem> errors, List<ConfigProblem> warnings, Set<String> providers) {
        this.errors = errors;
        this.warnings = warnings;
        this.providers = providers;
        this.conditions = new WhenParser(errors);
    }

    /** The rules of {@code node} (the value of {@code Router.rules} at {@code path}), includes expanded, in order. */
    List<RouteRule> parse(String path, JsonNode node, Path baseDir) {
        List<RouteRule> rules = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return rules;
        }
        if (!node.isArray()) {
            errors.add(new ConfigProblem(path, "must be an array of rules",
                    "write \"rules\": [ {\"name\": \"...\", \"when\": {...}, \"route\": \"provider,model\"} ]"));
            return rules;
        }
        list(path, path, node, new Place(Optional.of(baseDir), ""), Map.of(), new ArrayDeque<>(), rules);
        return rules;
    }

    /** Where rules come from: the folder includes resolve against (empty for bundled files) and the name prefix. */
    private record Place(Optional<Path> dir, String prefix) {
    }

    private void list(String path, String origin, JsonNode list, Place place, Map<String, String> params,
                      Deque<String> including, List<RouteRule> out) {
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            String from = origin + "[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                errors.add(new ConfigProblem(at, "is not an object", "write {\"name\", \"when\", \"route\"} or {\"use\": \"file\"}"));
            } else if (entry.has("use")) {
                include(at, from, entry, place, including, out);
            } else {
                rule(at, from, entry, place, params).ifPresent(out::add);
            }
        }
    }

    /* --------------- Includes --------------- */

    private void include(String path, String origin, JsonNode entry, Place place, Deque<String> including, List<RouteRule> out) {
        unknownKeys(path, entry, INCLUDE_KEYS, "an include has \"use\" and optionally \"with\"");
        JsonNode use = entry.get("use");
        if (!use.isTextual() || use.textValue().isBlank()) {
            errors.add(new ConfigProblem(path + ".use", "must name a rule file", "write \"use\": \"cost-saver\" or a path relative to the config file"));
            return;
        }
        Optional<RuleFiles.RuleFile> found = RuleFiles.find(use.textValue(), place.dir());
        if (found.isEmpty()) {
            errors.add(new ConfigProblem(path + ".use", "rule file '" + use.textValue() + "' was not found"
                    + place.dir().map(d -> " in " + d).orElse("") + " nor among the bundled rule files",
                    "check the name; bundled files are claude-code, cost-saver and plan-mode (see docs/routing.md)"));
            return;
        }
        RuleFiles.RuleFile file = found.get();
        if (including.contains(file.identity()) || including.size() >= MAX_DEPTH) {
            errors.add(new ConfigProblem(path + ".use", "'" + use.textValue() + "' includes itself (" + String.join(" → ", including) + ")",
                    "remove the circular include"));
            return;
        }
        JsonNode document;
        try {
            document = Json5.parse(file.text());
        } catch (IOException e) {
            errors.add(new ConfigProblem(path + ".use", file.display() + " does not parse: " + firstLine(e.getMessage()), "fix the rule file's JSON5 syntax"));
            return;
        }
        JsonNode rules = document;
        Map<String, String> params = new LinkedHashMap<>();
        if (document.isObject()) {
            unknownKeys(path + " (" + file.display() + ")", document, FILE_KEYS, "a rule file has \"description\", \"params\" and \"rules\"");
            document.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
            rules = document.path("rules");
        }
        if (!rules.isArray()) {
            errors.add(new ConfigProblem(path + ".use", file.display() + " holds no rules array", "write the file as [ rules ] or {\"rules\": [ ... ]}"));
            return;
        }
        JsonNode with = entry.path("with");
        if (!with.isMissingNode() && !with.isObject()) {
            errors.add(new ConfigProblem(path + ".with", "must be an object", "write \"with\": {\"param\": \"provider,model\"}"));
        }
        with.properties().forEach(p -> {
            if (!params.containsKey(p.getKey())) {
                errors.add(new ConfigProblem(path + ".with." + p.getKey(), "is not a parameter of " + file.display()
                        + " (it has: " + (params.isEmpty() ? "none" : String.join(", ", params.keySet())) + ")", "use one of its parameters"));
            } else {
                params.put(p.getKey(), p.getValue().asText());
            }
        });
        String stem = file.display().replaceFirst("\\.json5?$", "");
        including.push(file.identity());
        list(path + " → " + file.display() + " rules", origin + " → " + file.display() + " rules", rules,
                new Place(file.dir(), place.prefix() + stem + "/"), params, including, out);
        including.pop();
    }

    /* --------------- Rules --------------- */

    private Optional<RouteRule> rule(String path, String origin, JsonNode node, Place place, Map<String, String> params) {
        int before = errors.size();
        unknownKeys(path, node, RULE_KEYS, "a rule has \"name\", \"when\" and \"route\"");
        JsonNode name = node.path("name");
        if (!name.isTextual() || name.textValue().isBlank()) {
            errors.add(new ConfigProblem(path + ".name", "is missing", "give the rule a name; explanations show it, e.g. \"name\": \"titles-to-cheap\""));
        }
        JsonNode when = node.path("when");
        RouteCondition condition = new RouteCondition.All(List.of());
        if (!when.isMissingNode()) {
            condition = conditions.when(path + ".when", when);
        }
        Optional<String> route = route(path + ".route", node.path("route"), params);
        if (errors.size() > before || route.isEmpty()) {
            return Optional.empty();
        }
        String fullName = place.prefix() + name.textValue().trim();
        if (!names.add(fullName)) {
            warnings.add(new ConfigProblem(path + ".name", "'" + fullName + "' is used by an earlier rule too",
                    "give each rule its own name so explanations are unambiguous"));
        }
        return Optional.of(new RouteRule(fullName, origin, condition, route.get()));
    }

    private Optional<String> route(String path, JsonNode node, Map<String, String> params) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            errors.add(new ConfigProblem(path, "is missing", "write \"route\": \"provider,model\" or \"Router.background\""));
            return Optional.empty();
        }
        Matcher m = PARAM.matcher(node.textValue());
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            if (value == null) {
                errors.add(new ConfigProblem(path, "uses parameter #{" + m.group(1) + "}, which has no value",
                        "declare it in the file's \"params\" or pass it with \"with\""));
                return Optional.empty();
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        String route = filled.toString().trim();
        if (route.startsWith("Router.")) {
            String key = route.substring("Router.".length());
            if (!RouteRule.ROUTER_KEYS.contains(key)) {
                errors.add(new ConfigProblem(path, "'" + route + "' names no Router route", "use one of Router." + String.join(", Router.", sorted(RouteRule.ROUTER_KEYS))));
                return Optional.empty();
            }
            return Optional.of(route);
        }
        int comma = route.indexOf(',');
        if (comma <= 0 || comma == route.length() - 1) {
            errors.add(new ConfigProblem(path, "'" + route + "' is not \"provider,model\"", "write the provider's name, a comma, and the model, e.g. \"deepseek,deepseek-chat\""));
            return Optional.empty();
        }
        String provider = route.substring(0, comma).trim();
        if (!providers.isEmpty() && providers.stream().noneMatch(p -> p.equalsIgnoreCase(provider))) {
            warnings.add(new ConfigProblem(path, "provider '" + provider + "' is not configured, so requests this rule routes will fail",
                    "add the provider to Providers or fix the name"));
        }
        return Optional.of(route);
    }

    /* --------------- Helpers --------------- */

    private void unknownKeys(String path, JsonNode node, Set<String> known, String remedy) {
        node.properties().forEach(field -> {
            if (!known.contains(field.getKey())) {
                errors.add(new ConfigProblem(path + "." + field.getKey(), "is not a known key", remedy));
            }
        });
    }

    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** The first line of an exception message (Jackson's run on with source excerpts). */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
