package dev.ccr.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code when} object of a routing rule into a {@link RouteCondition}, reporting every key it cannot use as
 * a {@link ConfigProblem} with the key's path and the forms it accepts (docs/routing.md).
 */
final class WhenParser {
    static final List<String> WHEN_KEYS = List.of("model", "tokens", "thinking", "tools", "headers", "system",
            "user", "lastUser", "session", "project", "scenario", "fields", "any", "not");

    private final List<ConfigProblem> errors;

    WhenParser(List<ConfigProblem> errors) {
        this.errors = errors;
    }

    RouteCondition when(String path, JsonNode node) {
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

    private static List<String> sorted(Set<String> values) {
        return RouteRulesParser.sorted(values);
    }

    private static String firstLine(String message) {
        return RouteRulesParser.firstLine(message);
    }
}
