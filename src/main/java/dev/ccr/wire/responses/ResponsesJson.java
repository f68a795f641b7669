package dev.ccr.wire.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireException;

import java.util.concurrent.ThreadLocalRandom;

/** The JSON helpers of this package, with one shared, thread-safe mapper. */
final class ResponsesJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResponsesJson() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new WireException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a JSON object, or returns null when the text is not one. */
    static ObjectNode parseObjectOrNull(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            return null;
        }
        try {
            return MAPPER.readTree(t) instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A tool call id for a function call the answer did not name: {@code call_} plus 96 random bits. */
    static String toolCallId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("call_%016x%08x", r.nextLong(), r.nextInt());
    }
}
