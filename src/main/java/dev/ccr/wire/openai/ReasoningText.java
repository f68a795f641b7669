package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Finds the reasoning text an OpenAI-compatible provider put on a message or a stream delta. */
final class ReasoningText {

    private ReasoningText() {}

    /**
     * Returns {@code reasoning_content} (DeepSeek, vLLM, Qwen…) or else {@code reasoning} (OpenRouter, newer vLLM),
     * or null when neither is a non-empty string. Never both: servers that send both send the same text twice.
     */
    static String of(JsonNode messageOrDelta) {
        String text = Json.nonEmptyText(messageOrDelta.get("reasoning_content"));
        return text != null ? text : Json.nonEmptyText(messageOrDelta.get("reasoning"));
    }
}
