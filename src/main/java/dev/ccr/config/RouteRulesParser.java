package dev.ccr.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code Router.rules} into {@link RouteRule}s, following {@code {"use": "file"}} includes, and reports every
 * mistake as a {@link ConfigProblem} with its path and a remedy.
 *
 * <p>An include names a JSON5 rule file. It is looked up first relative to the folder of the file that includes it
 * (the config file's folder for {@code Router.rules}), then among the rule files bundled with ccr (the repository's
 * {@code rules/} folder, on the classpath). The extension may be left out. A rule file is either an array of rules or
 * an object {@code {"description", "params": {name: default}, "rules": [...]}}; {@code #{name}} in a route is replaced
 * by the include's {@code with} value or the file's default.
 */
final class RouteRulesParser {
    /** Includes nested deeper than this are surely a mistake. */
    private static final int MAX_DEPTH = 8;
    private static final List<String> EXTENSIONS = List.of("", ".json5", ".json");
    private static final String BUNDLED = "rules/";
    private static final Pattern PARAM = Pattern.compile("#\\{([A-Za-z0-9_.-]+)}");
    private static final Set<String> RULE_KEYS = Set.of("name", "when", "route", "description");
    private static final Set<String> INCLUDE_KEYS = Set.of("use", "with", "description");
    private static final Set<String> FILE_KEYS = Set.of("description", "params", "rules");
    private static final List<String> WHEN_KEYS = List.of("model", "tokens", "thinking", "tools", "headers", "system",
            "user", "lastUser", "session", "project", "scenario", "fields", "any", "not");

    private final List<ConfigProblem> errors;
    private final List<ConfigProblem> warnings;
    private final Set<String> providers;
    private final Set<String> names = new HashSet<>();

    /**
     * @param providers names of the configured providers, to warn about routes to unknown ones; empty to skip the check
     */
    RouteRulesParser(List<ConfigProblem> errors, List<ConfigProblem> warnings, Set<String> providers) {
        this.errors = errors;
        this.warnings = warnings;
        this.providers = providers;
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

    /** A rule file found for an include: its text, a display name, an identity for cycle checks, and its place. */
    private record RuleFile(String text, String display, String identity, Optional<Path> dir) {
    }

    private void include(String path, String origin, JsonNode entry, Place place, Deque<String> including, List<RouteRule> out) {
        unknownKeys(path, entry, INCLUDE_KEYS, "an include has \"use\" and optionally \"with\"");
        JsonNode use = entry.get("use");
        if (!use.isTextual() || use.textValue().isBlank()) {
            errors.add(new ConfigProblem(path + ".use", "must name a rule file", "write \"use\": \"cost-saver\" or a path relative to the config file"));
            return;
        }
        Optional<RuleFile> found = find(use.textValue(), place.dir());
        if (found.isEmpty()) {
            errors.add(new ConfigProblem(path + ".use", "rule file '" + use.textValue() + "' was not found"
                    + place.dir().map(d -> " in " + d).orElse("") + " nor among the bundled rule files",
                    "check the name; bundled files are claude-code, cost-saver and plan-mode (see docs/routing.md)"));
            return;
        }
        RuleFile file = found.get();
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

    private static Optional<RuleFile> find(String name, Optional<Path> dir) {
        String expanded = name.startsWith("~/") ? System.getProperty("user.home") + name.substring(1) : name;
        Path asPath;
        try {
            asPath = Path.of(expanded);
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        for (String ext : EXTENSIONS) {
            Path candidate = asPath.isAbsolute() ? Path.of(expanded + ext) : dir.map(d -> d.resolve(expanded + ext)).orElse(null);
            if (candidate != null && Files.isRegularFile(candidate)) {
                try {
                    Path real = candidate.toRealPath();
                    return Optional.of(new RuleFile(Files.readString(real, StandardCharsets.UTF_8), real.getFileName().toString(),
                            real.toString(), Optional.of(real.getParent())));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        if (asPath.isAbsolute() || expanded.contains("..") || expanded.contains("\\")) {
            return Optional.empty();
        }
        for (String ext : EXTENSIONS) {
            String resource = BUNDLED + expanded + ext;
            try (InputStream in = RouteRulesParser.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null && !resource.endsWith("/")) {
                    return Optional.of(new RuleFile(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            Path.of(resource).getFileName().toString(), "bundled:" + resource, Optional.empty()));
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
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
            condition = when(path + ".when", when);
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

    /* --------------- Conditions --------------- */

    private RouteCondition when(String path, JsonNode node) {
        if (!node.isObject()) {
            errors.add(new ConfigProblem(path, "must be an object", "write \"when\": {\"model\": \"*haiku*\"} (keys: " + String.join(", ", WHEN_KEYS) + ")"));
            return new RouteCondition.All(List.of());
        }
        List<RouteCondition> all = new ArrayList<>();
        node.properties().forEach(field -> {
            String at = path + "." + field.getKey();
            JsonNode value = field.getValue();
            Optional<RouteCondition> condition = switch (field.getKey()) {
                case "model" -> patterns(at, value, TextPattern::glob).map(RouteCondition.Model::new);
                case "tokens" -> tokens(at, value);
                case "thinking" -> thinking(at, value);
                case "tools" -> tools(at, value);
                case "headers" -> headers(at, value);
                case "system" -> text(at, value, RouteCondition.TextScope.SYSTEM);
                case "user" -> text(at, value, RouteCondition.TextScope.USER);
                case "lastUser" -> text(at, value, RouteCondition.TextScope.LAST_USER);
                case "session" -> patterns(at, value, TextPattern::glob).map(RouteCondition.Session::new);
                case "project" -> patterns(at, value, TextPattern::glob).map(RouteCondition.Project::new);
                case "scenario" -> scenario(at, value);
                case "fields" -> fields(at, value);
                case "any" -> any(at, value);
                case "not" -> Optional.of(new RouteCondition.Not(when(at, value)));
                default -> {
                    errors.add(new ConfigProblem(at, "is not a condition", "use one of " + String.join(", ", WHEN_KEYS)));
                    yield Optional.empty();
                }
            };
            condition.ifPresent(all::add);
        });
        return new RouteCondition.All(all);
    }

    private Optional<List<TextPattern>> patterns(String path, JsonNode value, java.util.function.Function<String, TextPattern> compile) {
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        List<TextPattern> patterns = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                errors.add(new ConfigProblem(path, "must be a text or a list of texts", "write \"*haiku*\", [\"a*\", \"b*\"] or \"/regex/i\""));
                return Optional.empty();
            }
            try {
                patterns.add(compile.apply(item.textValue()));
            } catch (PatternSyntaxException e) {
                errors.add(new ConfigProblem(path, "'" + item.textValue() + "' is not a valid regular expression: " + firstLine(e.getDescription()),
                        "fix the expression (Java syntax) or drop the slashes for a plain text"));
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigProblem(path, "'" + item.textValue() + "': " + e.getMessage(), "use the flags i, m or s"));
                return Optional.empty();
            }
        }
        if (patterns.isEmpty()) {
            errors.add(new ConfigProblem(path, "is an empty list", "list at least one value, or remove the condition"));
            return Optional.empty();
        }
        return Optional.of(patterns);
    }

    private Optional<RouteCondition> tokens(String path, JsonNode value) {
        int before = errors.size();
        OptionalLong above = bound(path + ".above", value.path("above"));
        OptionalLong below = bound(path + ".below", value.path("below"));
        if (errors.size() > before) {
            return Optional.empty();
        }
        boolean onlyKnown = value.isObject() && value.properties().stream().allMatch(p -> p.getKey().equals("above") || p.getKey().equals("below"));
        if (!value.isObject() || !onlyKnown || (above.isEmpty() && below.isEmpty())) {
            errors.add(new ConfigProblem(path, "must be {\"above\": n} and/or {\"below\": n}", "write \"tokens\": {\"above\": 60000}"));
            return Optional.empty();
        }
        return Optional.of(new RouteCondition.Tokens(above, below));
    }

    private OptionalLong bound(String path, JsonNode value) {
        if (value.isMissingNode()) {
            return OptionalLong.empty();
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            errors.add(new ConfigProblem(path, "'" + value + "' is not a whole number of tokens", "write a number such as 20000"));
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.longValue());
    }

    private Optional<RouteCondition> thinking(String path, JsonNode value) {
        if (value.isBoolean()) {
            // true = thinking really on; false = anything else (adaptive, disabled or absent)
            return Optional.of(new RouteCondition.Thinking(value.booleanValue() ? Set.of("enabled") : Set.of("adaptive", "disabled", "absent")));
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            if (!item.isTextual() || !RouteCondition.THINKING_TYPES.contains(item.textValue())) {
                errors.add(new ConfigProblem(path, "'" + item.asText() + "' is not a thinking state",
                        "use true, false, or any of " + String.join(", ", sorted(RouteCondition.THINKING_TYPES))));
                return Optional.empty();
            }
            types.add(item.textValue());
        }
        return Optional.of(new RouteCondition.Thinking(types));
    }

    private Optional<RouteCondition> tools(String path, JsonNode value) {
        if (value.isBoolean()) {
            return Optional.of(new RouteCondition.Tools(Optional.of(value.booleanValue()), List.of()));
        }
        return patterns(path, value, TextPattern::glob).map(p -> new RouteCondition.Tools(Optional.empty(), p));
    }

    private Optional<RouteCondition> headers(String path, JsonNode value) {
        if (!value.isObject() || value.isEmpty()) {
            errors.add(new ConfigProblem(path, "must be an object of header name to value", "write \"headers\": {\"user-agent\": \"claude-cli/*\"}"));
            return Optional.empty();
        }
        List<RouteCondition> all = new ArrayList<>();
        value.properties().forEach(h -> patterns(path + "." + h.getKey(), h.getValue(), TextPattern::glob)
                .ifPresent(p -> all.add(new RouteCondition.Header(h.getKey().toLowerCase(java.util.Locale.ROOT), p))));
        return Optional.of(all.size() == 1 ? all.getFirst() : new RouteCondition.All(all));
    }

    private Optional<RouteCondition> text(String path, JsonNode value, RouteCondition.TextScope scope) {
        if (!value.isTextual() || value.textValue().isEmpty()) {
            errors.add(new ConfigProblem(path, "must be a non-empty text", "write the text to look for, or \"/regex/i\""));
            return Optional.empty();
        }
        return patterns(path, value, TextPattern::contains).map(p -> new RouteCondition.Text(scope, p.getFirst()));
    }

    private Optional<RouteCondition> scenario(String path, JsonNode value) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            if (!item.isTextual() || !RouteCondition.SCENARIOS.contains(item.textValue())) {
                errors.add(new ConfigProblem(path, "'" + item.asText() + "' is not a scenario", "use any of " + String.join(", ", sorted(RouteCondition.SCENARIOS))));
                return Optional.empty();
            }
            names.add(item.textValue());
        }
        return Optional.of(new RouteCondition.Scenario(names));
    }

    private Optional<RouteCondition> fields(String path, JsonNode value) {
        if (!value.isObject() || value.isEmpty()) {
            errors.add(new ConfigProblem(path, "must be an object of JSON pointer to value", "write \"fields\": {\"/output_config/format/type\": \"json_schema\"}"));
            return Optional.empty();
        }
        List<RouteCondition> all = new ArrayList<>();
        value.properties().forEach(f -> {
            String at = path + "." + f.getKey();
            try {
                JsonPointer.compile(f.getKey());
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigProblem(at, "'" + f.getKey() + "' is not a JSON pointer", "start it with /, e.g. /thinking/type"));
                return;
            }
            if (f.getValue().isBoolean()) {
                all.add(new RouteCondition.Field(f.getKey(), Optional.of(f.getValue().booleanValue()), List.of()));
            } else {
                JsonNode expected = f.getValue().isNumber() ? com.fasterxml.jackson.databind.node.TextNode.valueOf(f.getValue().asText()) : f.getValue();
                patterns(at, expected, TextPattern::glob).ifPresent(p -> all.add(new RouteCondition.Field(f.getKey(), Optional.empty(), p)));
            }
        });
        return Optional.of(all.size() == 1 ? all.getFirst() : new RouteCondition.All(all));
    }

    private Optional<RouteCondition> any(String path, JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            errors.add(new ConfigProblem(path, "must be a non-empty array of conditions", "write \"any\": [ {\"model\": \"*haiku*\"}, {\"tokens\": {\"below\": 500}} ]"));
            return Optional.empty();
        }
        List<RouteCondition> options = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            options.add(when(path + "[" + i + "]", value.get(i)));
        }
        return Optional.of(new RouteCondition.AnyOf(options));
    }

    /* --------------- Helpers --------------- */

    private void unknownKeys(String path, JsonNode node, Set<String> known, String remedy) {
        node.properties().forEach(field -> {
            if (!known.contains(field.getKey())) {
                errors.add(new ConfigProblem(path + "." + field.getKey(), "is not a known key", remedy));
            }
        });
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
