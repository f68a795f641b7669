package dev.ccr.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Paths such as {@code Providers[0].api_key} into a JSON tree, as CCR's {@code setValueByPath}. */
final class JsonPaths {
    private static final Pattern PART = Pattern.compile("(\\w+)|\\[(\\d+)]");

    private JsonPaths() {
    }

    static List<String> parse(String path) {
        List<String> parts = new ArrayList<>();
        Matcher m = PART.matcher(path);
        while (m.find()) {
            parts.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return parts;
    }

    /** Sets {@code value} at {@code path}, creating objects and arrays on the way (an array when the next part is a number). */
    static void set(ObjectNode root, String path, JsonNode value) {
        List<String> parts = parse(path);
        if (parts.isEmpty()) {
            return;
        }
        JsonNode current = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            String part = parts.get(i);
            boolean nextIsIndex = parts.get(i + 1).matches("\\d+");
            JsonNode child = child(current, part);
            if (child == null || !(child.isObject() || child.isArray())) {
                child = nextIsIndex ? root.arrayNode() : root.objectNode();
                put(current, part, child);
            }
            current = child;
        }
        put(current, parts.getLast(), value);
    }

    private static JsonNode child(JsonNode node, String part) {
        if (node.isArray()) {
            return part.matches("\\d+") ? node.get(Integer.parseInt(part)) : null;
        }
        return node.get(part);
    }

    private static void put(JsonNode node, String part, JsonNode value) {
        if (node instanceof ObjectNode object) {
            object.set(part, value);
        } else if (node instanceof ArrayNode array && part.matches("\\d+")) {
            int index = Integer.parseInt(part);
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        }
    }
}
