package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

/** The {@code GenerateContentResponse} the chat → Gemini conversions write, whole or as one streamed piece. */
final class GeminiChunks {
    private GeminiChunks() {
    }

    /**
     * @param finishReason the chat finish reason, or null for a piece in the middle of a stream
     * @param usage        chat usage, or a missing node for none
     */
    static ObjectNode response(String id, String model, ArrayNode parts, String finishReason, JsonNode usage) {
        ObjectNode candidate = WireJson.object();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        content.set("parts", parts);
        if (finishReason != null) {
            candidate.put("finishReason", switch (finishReason) {
                case "length" -> "MAX_TOKENS";
                case "content_filter" -> "SAFETY";
                default -> "STOP";
            });
        }
        candidate.put("index", 0);
        ObjectNode out = WireJson.object();
        out.putArray("candidates").add(candidate);
        if (usage.isObject()) {
            out.set("usageMetadata", usageMetadata(usage));
        }
        out.put("modelVersion", model);
        if (!id.isEmpty()) {
            out.put("responseId", id);
        }
        return out;
    }

    static ObjectNode usageMetadata(JsonNode usage) {
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        long thoughts = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        ObjectNode metadata = WireJson.object().put("promptTokenCount", prompt)
                .put("candidatesTokenCount", Math.max(0, completion - thoughts))
                .put("totalTokenCount", usage.path("total_tokens").asLong(prompt + completion));
        if (cached > 0) {
            metadata.put("cachedContentTokenCount", cached);
        }
        if (thoughts > 0) {
            metadata.put("thoughtsTokenCount", thoughts);
        }
        return metadata;
    }
}
