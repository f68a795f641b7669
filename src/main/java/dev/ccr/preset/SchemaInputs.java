package dev.ccr.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Collects the values a preset's input schema asks for (docs/cli.md): from {@code --set id=value} first, then by asking
 * (when a terminal is attached), then the field's {@code defaultValue}. Fields whose {@code when} does not hold are
 * skipped; fields a {@code when} or {@code dependsOn} refers to are asked first. Every value is checked (required,
 * number range, {@code validator} regex, select options).
 */
final class SchemaInputs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Questions prompts;
    private final boolean interactive;

    SchemaInputs(Questions prompts, boolean interactive) {
        this.prompts = prompts;
        this.interactive = interactive;
    }

    ObjectNode collect(List<JsonNode> schema, JsonNode presetConfig, ObjectNode previous, Map<String, String> given) {
        ObjectNode values = NODES.objectNode();
        for (JsonNode field : ordered(schema)) {
            String id = field.path("id").asText();
            if (id.isEmpty()) {
                continue;
            }
            if (!Conditions.shouldShow(field, values)) {
                continue;
            }
            JsonNode value;
            if (given.containsKey(id)) {
                value = parse(field, given.get(id));
            } else if (interactive) {
                value = ask(field, presetConfig, values, previous.get(id));
            } else if (previous.has(id)) {
                value = previous.get(id);
            } else if (field.has("defaultValue")) {
                value = field.get("defaultValue");
            } else if (!required(field)) {
                continue;
            } else {
                throw new PresetException("The preset needs '" + label(field) + "': pass --set " + id + "=<value>"
                        + " (or run in a terminal to be asked).");
            }
            String problem = check(field, value, presetConfig, values);
            if (problem != null) {
                throw new PresetException(problem);
            }
            values.set(id, value);
        }
        return values;
    }

    /** Fields that others depend on come first (CCR's {@code sortFieldsByDependencies}). */
    static List<JsonNode> ordered(List<JsonNode> schema) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        schema.forEach(f -> byId.put(f.path("id").asText(), f));
        List<JsonNode> sorted = new ArrayList<>();
        List<String> visited = new ArrayList<>();
        for (JsonNode field : schema) {
            visit(field, byId, visited, sorted);
        }
        return sorted;
    }

    private static void visit(JsonNode field, Map<String, JsonNode> byId, List<String> visited, List<JsonNode> sorted) {
        String id = field.path("id").asText();
        if (visited.contains(id)) {
            return;
        }
        visited.add(id);
        List<String> deps = new ArrayList<>();
        field.path("dependsOn").forEach(d -> deps.add(d.asText()));
        JsonNode when = field.path("when");
        if (when.isArray()) {
            when.forEach(c -> deps.add(c.path("field").asText()));
        } else if (when.isObject()) {
            deps.add(when.path("field").asText());
        }
        for (String dep : deps) {
            JsonNode other = byId.get(dep);
            if (other != null) {
                visit(other, byId, visited, sorted);
            }
        }
        sorted.add(field);
    }

    private JsonNode ask(JsonNode field, JsonNode presetConfig, ObjectNode values, JsonNode previous) {
        String question = field.path("prompt").asText(label(field) + ":");
        String fallback = previous != null && previous.isValueNode() ? previous.asText()
                : field.has("defaultValue") && field.get("defaultValue").isValueNode() ? field.get("defaultValue").asText() : "";
        while (true) {
            JsonNode value = switch (type(field)) {
                case "input" -> TextNode.valueOf(prompts.text(question, fallback));
                case "number" -> parse(field, prompts.text(question, fallback.isEmpty() ? "0" : fallback));
                case "confirm" -> NODES.booleanNode(prompts.confirm(question,
                        previous != null ? previous.asBoolean() : field.path("defaultValue").asBoolean(false)));
                case "editor" -> TextNode.valueOf(prompts.multiline(question));
                case "select" -> {
                    List<JsonNode> options = options(field, presetConfig, values);
                    if (options.isEmpty()) {
                        yield field.path("defaultValue").isMissingNode() ? TextNode.valueOf("") : field.get("defaultValue");
                    }
                    int chosen = prompts.choose(question, options.stream().map(o -> o.path("label").asText(o.path("value").asText())).toList(),
                            indexOf(options, previous != null ? previous : field.get("defaultValue")));
                    yield options.get(chosen).path("value");
                }
                case "multiselect" -> {
                    List<JsonNode> options = options(field, presetConfig, values);
                    ArrayNode chosen = NODES.arrayNode();
                    prompts.chooseSeveral(question, options.stream().map(o -> o.path("label").asText(o.path("value").asText())).toList())
                            .forEach(i -> chosen.add(options.get(i).path("value")));
                    yield chosen;
                }
                default -> {
                    String secret = prompts.secret(question);
                    yield TextNode.valueOf(secret.isEmpty() && previous != null ? previous.asText() : secret);
                }
            };
            String problem = check(field, value, presetConfig, values);
            if (problem == null) {
                return value;
            }
            prompts.say("  " + problem);
        }
    }

    private static int indexOf(List<JsonNode> options, JsonNode value) {
        for (int i = 0; value != null && i < options.size(); i++) {
            if (options.get(i).path("value").equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** A {@code --set} value as the field's type. */
    static JsonNode parse(JsonNode field, String text) {
        return switch (type(field)) {
            case "number" -> {
                try {
                    yield text.contains(".") ? NODES.numberNode(Double.parseDouble(text.trim())) : NODES.numberNode(Long.parseLong(text.trim()));
                } catch (NumberFormatException e) {
                    throw new PresetException(label(field) + " must be a number, not '" + text + "'");
                }
            }
            case "confirm" -> NODES.booleanNode(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("y"));
            case "multiselect" -> {
                ArrayNode array = NODES.arrayNode();
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        array.add(part.trim());
                    }
                }
                yield array;
            }
            default -> TextNode.valueOf(text);
        };
    }

    /** The first problem with {@code value} for {@code field}, or null (CCR's {@code validateInput}). */
    static String check(JsonNode field, JsonNode value, JsonNode presetConfig, ObjectNode values) {
        String label = label(field);
        boolean empty = value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty());
        if (empty) {
            return required(field) ? label + " is required" : null;
        }
        switch (type(field)) {
            case "number" -> {
                if (!value.isNumber()) {
                    return label + " must be a number";
                }
                if (field.has("min") && value.asDouble() < field.get("min").asDouble()) {
                    return label + " must be at least " + field.get("min").asText();
                }
                if (field.has("max") && value.asDouble() > field.get("max").asDouble()) {
                    return label + " must be at most " + field.get("max").asText();
                }
            }
            case "select" -> {
                List<JsonNode> options = options(field, presetConfig, values);
                if (!options.isEmpty() && options.stream().noneMatch(o -> o.path("value").equals(value)
                        || o.path("value").asText().equals(value.asText()))) {
                    return label + " must be one of " + options.stream().map(o -> o.path("value").asText()).toList();
                }
            }
            default -> {
                // text-like: only the validator applies
            }
        }
        if (field.path("validator").isTextual() && value.isTextual()) {
            try {
                String regex = field.get("validator").asText().replaceAll("^/(.*)/[a-z]*$", "$1");
                if (!Pattern.compile(regex).matcher(value.asText()).find()) {
                    return label + " format is invalid";
                }
            } catch (PatternSyntaxException ignored) {
                // a validator Java cannot read is not enforced
            }
        }
        return null;
    }

    /** A select's options: a static list, or taken from the preset's providers or one provider's models. */
    static List<JsonNode> options(JsonNode field, JsonNode presetConfig, JsonNode values) {
        JsonNode options = field.path("options");
        List<JsonNode> result = new ArrayList<>();
        if (options.isArray()) {
            options.forEach(o -> result.add(o.isObject() ? o : NODES.objectNode().put("label", o.asText()).set("value", o)));
            return result;
        }
        JsonNode providers = presetConfig.path("Providers");
        switch (options.path("type").asText()) {
            case "static" -> options.path("options").forEach(result::add);
            case "providers" -> providers.forEach(p -> result.add(NODES.objectNode()
                    .put("label", p.path("name").asText()).put("value", p.path("name").asText())));
            case "models" -> {
                String ref = options.path("providerField").asText().replaceAll("^#\\{(.+)}$", "$1");
                String provider = values.path(ref).asText();
                providers.forEach(p -> {
                    if (p.path("name").asText().equals(provider)) {
                        p.path("models").forEach(m -> result.add(NODES.objectNode().put("label", m.asText()).put("value", m.asText())));
                    }
                });
            }
            default -> {
                // custom: not implemented, as in CCR
            }
        }
        return result;
    }

    private static String type(JsonNode field) {
        return field.path("type").asText("password");
    }

    private static boolean required(JsonNode field) {
        return !field.path("required").isBoolean() || field.path("required").booleanValue();
    }

    private static String label(JsonNode field) {
        return field.path("label").asText(field.path("id").asText());
    }
}
