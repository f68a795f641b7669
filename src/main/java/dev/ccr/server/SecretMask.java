package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ccr.client.ApiError;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides the config's secrets from {@code GET /api/config} (keys, tokens, passwords written in the file, and the
 * {@code USAGE_DB} and {@code STATE.redis} URLs, which may hold one; {@code $VAR}
 * placeholders are shown, they hold no secret) and puts them back when a document that still carries the mask is
 * saved, so the UI can edit a config without ever holding its keys. Array elements are matched by their
 * {@code name} when they have one (providers may be reordered), else by position.
 */
final class SecretMask {
    static final String MASK = "••••••••";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(.*[_-])?(api[_-]?key|apikey|key|token|secret|password|authorization|credentials?|usage[_-]?db|redis)");

    private SecretMask() {
    }

    static boolean isSecretName(String field) {
        return SECRET_NAME.matcher(field).matches();
    }

    /** A deep copy of {@code document} with every written secret replaced by {@link #MASK}. */
    static JsonNode mask(JsonNode document) {
        JsonNode copy = document.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual() && isSecretName(field.getKey()) && !isPlaceholder(field.getValue().asText())) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    maskInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(SecretMask::maskInPlace);
        }
    }

    private static boolean isPlaceholder(String value) {
        return value.isEmpty() || value.matches("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?");
    }

    /**
     * Replaces each {@link #MASK} left in {@code edited} by the saved value at the same place in {@code saved}.
     *
     * @throws dev.ccr.client.ApiException (400) when a masked field has no saved value to restore
     */
    static void unmask(JsonNode edited, JsonNode saved, String path) {
        if (edited instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode before = saved == null ? null : saved.get(field.getKey());
                String here = path + "." + field.getKey();
                if (field.getValue().isTextual() && field.getValue().asText().equals(MASK)) {
                    if (before == null || !before.isTextual()) {
                        throw ApiError.invalidRequest("Config not saved: " + here.substring(1)
                                + " is masked but has no saved value; type the secret again").exception();
                    }
                    field.setValue(before);
                } else {
                    unmask(field.getValue(), before, here);
                }
            }
        } else if (edited instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                unmask(array.get(i), counterpart(array.get(i), saved, i), path + "[" + i + "]");
            }
        }
    }

    private static JsonNode counterpart(JsonNode element, JsonNode saved, int index) {
        if (saved == null || !saved.isArray()) {
            return null;
        }
        JsonNode name = element.get("name");
        if (name != null && name.isTextual()) {
            for (JsonNode candidate : saved) {
                if (name.equals(candidate.get("name"))) {
                    return candidate;
                }
            }
            return null;
        }
        return saved.get(index);
    }
}
