package dev.ccr.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

/**
 * What the Anthropic → OpenAI chat conversions share: stop reasons and usage.
 *
 * <p>Stop reasons: {@code end_turn}, {@code stop_sequence}, {@code pause_turn} → {@code stop}; {@code max_tokens} →
 * {@code length}; {@code tool_use} → {@code tool_calls}; {@code refusal} → {@code content_filter}. Usage:
 * {@code prompt_tokens} = input + cache reads + cache writes (OpenAI counts every prompt token there),
 * {@code prompt_tokens_details.cached_tokens} = cache reads, {@code completion_tokens} = output; the way back to
 * Anthropic then reports cache writes as plain input tokens, the one count a chat completion cannot carry.
 */
final class AnthropicChatChunks {
    private AnthropicChatChunks() {
    }

    static String finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    static ObjectNode usage(JsonNode anthropic) {
        return usage(anthropic.path("input_tokens").asLong(0), anthropic.path("cache_read_input_tokens").asLong(0),
                anthropic.path("cache_creation_input_tokens").asLong(0), anthropic.path("output_tokens").asLong(0));
    }

    static ObjectNode usage(long input, long cacheRead, long cacheCreation, long output) {
        long prompt = input + cacheRead + cacheCreation;
        ObjectNode usage = WireJson.object()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", output)
                .put("total_tokens", prompt + output);
        usage.set("prompt_tokens_details", WireJson.object().put("cached_tokens", cacheRead));
        return usage;
    }
}
