package dev.ccr.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets with environment placeholders before a config is shared as a preset (docs/cli.md).
 *
 * <p>Which fields: as CCR, a string whose key (lower case, {@code _} and {@code -} ignored) contains {@code apikey},
 * {@code apisecret}, {@code secret}, {@code token}, {@code password}, {@code passwd}, {@code privatekey} or
 * {@code accesskey}; ccr adds {@code authorization} (headers) and the team gateway's {@code USAGE_DB} and
 * {@code STATE.redis} (URLs that may hold a password). Values that already are a placeholder ({@code $VAR},
 * {@code ${VAR}}) and empty values are kept.
 *
 * <p>Which names — better than CCR, whose every provider key collapses into one {@code ${CONFIG_API_KEY}} (P-16):
 * a secret inside an object that has a {@code name} (a provider, a named transformer) becomes
 * {@code ${<NAME>_<KEY>}}, e.g. provider {@code openrouter}'s {@code api_key} → {@code ${OPENROUTER_API_KEY}};
 * other secrets become {@code ${CONFIG_<KEY>}} as in CCR ({@code APIKEY} → {@code ${CONFIG_APIKEY}}). Names are
 * upper case with every other character as {@code _}; a name already taken by another field gets {@code _2},
 * {@code _3}, ... The placeholders are filled from the environment when the preset is used.
 */
public final class SecretPlaceholders {
    private static final List<String> SENSITIVE = List.of("apikey", "apisecret", "secret", "token", "password",
            "passwd", "privatekey", "accesskey", "authorization", "usagedb", "redis");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{?[A-Z_][A-Z0-9_]*}?$");
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}|\\$([A-Z_][A-Z0-9_]*)");

    /** One secret replaced: where it was and the placeholder now in its place. */
    public record Replaced(String path, String placeholder) {
    }

    public record Result(ObjectNode config, List<Replaced> replaced) {
    }

    private final Set<String> taken = new java.util.HashSet<>();
    private final List<Replaced> replaced = new ArrayList<>();

    private SecretPlaceholders() {
    }

    /** A copy of {@code config} with its secrets replaced; {@code config} is not changed. */
    public static Result apply(ObjectNode config) {
        SecretPlaceholders s = new SecretPlaceholders();
        ObjectNode copy = (ObjectNode) s.walk(config, "", "CONFIG");
        return new Result(copy, List.copyOf(s.replaced));
    }

    /** Every environment variable a config refers to ({@code $VAR} or {@code ${VAR}} in any string), sorted. */
    public static Set<String> variablesIn(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collect(node, names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher m = ANY_PLACEHOLDER.matcher(node.textValue());
            while (m.find()) {
                names.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        } else {
            node.forEach(child -> collect(child, names));
        }
    }

    static boolean sensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (k.contains("tokenizer")) {
            return false;
        }
        return SENSITIVE.stream().anyMatch(k::contains);
    }

    private JsonNode walk(JsonNode node, String path, String entity) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(walk(node.get(i), path + "[" + i + "]", entity));
            }
            return copy;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        String here = node.path("name").isTextual() && !node.get("name").asText().isBlank() ? node.get("name").asText() : entity;
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        node.properties().forEach(field -> {
            String key = field.getKey();
            JsonNode value = field.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (value.isTextual() && sensitive(key) && !value.asText().isEmpty() && !PLACEHOLDER.matcher(value.asText().trim()).matches()) {
                String placeholder = "${" + name(here, key) + "}";
                replaced.add(new Replaced(childPath, placeholder));
                copy.set(key, TextNode.valueOf(placeholder));
            } else {
                copy.set(key, walk(value, childPath, here));
            }
        });
        return copy;
    }

    private String name(String entity, String key) {
        String prefix = upper(entity);
        String field = upper(key);
        String base = prefix.equals(field) ? prefix : prefix + "_" + field;
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = base + "_" + n;
        }
        taken.add(candidate);
        return candidate;
    }

    private static String upper(String text) {
        String upper = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return upper.isEmpty() || Character.isDigit(upper.charAt(0)) ? "_" + upper : upper;
    }
}
