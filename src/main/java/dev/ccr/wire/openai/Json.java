package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

/** Reads and writes the JSON of this package with one shared, thread-safe mapper. */
final class Json {

    static final ObjectMapper MAPPER = WireJson.MAPPER;
    static final JsonNodeFactory NODES = WireJson.NODES;

    // Enough of an upstream body to diagnose it without copying megabytes into an exception message.
    private static final int EXCERPT_LENGTH = 2000;

    private Json() {}

    static ObjectNode object() {
        return WireJson.object();
    }

    /** Parses a JSON object, or returns null when the text is not one (CCR skips such lines too). */
    static ObjectNode parseObjectOrNull(String text) {
        return WireJson.parseObjectOrNull(text);
    }

    static String compact(JsonNode node) {
        return WireJson.compact(node);
    }

    static String excerpt(JsonNode node) {
        String s = compact(node);
        return s.length() <= EXCERPT_LENGTH ? s : s.substring(0, EXCERPT_LENGTH) + "…";
    }

    /** Returns the text of a string node that is not empty, else null. */
    static String nonEmptyText(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }

    /** Returns a field's value unless it is absent or JSON null. */
    static JsonNode present(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() ? null : v;
    }
}
