package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Removes Anthropic-only fields that strict OpenAI-compatible servers reject. */
final class CacheControl {
    private CacheControl() {
    }

    /** Removes {@code cache_control} from messages and their content parts, and {@code media_type} from image parts. */
    static void strip(ObjectNode body) {
        for (JsonNode message : body.path("messages")) {
            ((ObjectNode) message).remove("cache_control");
            for (JsonNode part : message.path("content")) {
                if (part.isObject()) {
                    ((ObjectNode) part).remove("cache_control");
                    if (part.path("type").asText().equals("image_url")) {
                        ((ObjectNode) part).remove("media_type");
                    }
                }
            }
        }
        for (JsonNode tool : body.path("tools")) {
            if (tool.isObject()) {
                ((ObjectNode) tool).remove("cache_control");
            }
        }
    }
}
