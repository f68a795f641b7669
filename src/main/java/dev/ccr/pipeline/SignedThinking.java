package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Removes thinking blocks from earlier assistant turns. A signature is only valid for the vendor that made it, so
 * when a request falls back to another provider its history must not carry them (that provider would reject them).
 */
final class SignedThinking {
    private SignedThinking() {
    }

    /** A copy of {@code body} without {@code thinking} and {@code redacted_thinking} blocks in assistant messages. */
    static ObjectNode stripped(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        for (JsonNode message : copy.path("messages")) {
            if (message.path("role").asText().equals("assistant") && message.path("content").isArray()) {
                ArrayNode content = (ArrayNode) message.get("content");
                for (int i = content.size() - 1; i >= 0; i--) {
                    String type = content.get(i).path("type").asText();
                    if (type.equals("thinking") || type.equals("redacted_thinking")) {
                        content.remove(i);
                    }
                }
            }
        }
        return copy;
    }
}
