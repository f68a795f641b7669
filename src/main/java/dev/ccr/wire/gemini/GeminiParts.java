package dev.ccr.wire.gemini;

import dev.ccr.wire.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Supplier;

/** What one Gemini candidate's parts say, read once for both answer forms. */
record GeminiParts(String text, String thoughts, String signature, ArrayNode toolCalls) {

    /**
     * Reads {@code candidate.content.parts}: non-thought text joined, {@code thought:true} text joined, the first
     * {@code thoughtSignature}, and each {@code functionCall} as an OpenAI tool call (id from Gemini or
     * {@code ids}, arguments as a JSON string) numbered from {@code firstIndex}.
     */
    static GeminiParts of(JsonNode candidate, int firstIndex, Supplier<String> ids) {
        StringBuilder text = new StringBuilder();
        StringBuilder thoughts = new StringBuilder();
        String signature = null;
        ArrayNode calls = WireJson.NODES.arrayNode();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (signature == null && part.path("thoughtSignature").isTextual()) {
                signature = part.get("thoughtSignature").textValue();
            }
            JsonNode call = part.get("functionCall");
            if (call != null && call.isObject()) {
                ObjectNode toolCall = calls.addObject();
                toolCall.put("index", firstIndex + calls.size() - 1);
                String id = call.path("id").asText("");
                toolCall.put("id", id.isEmpty() ? ids.get() : id);
                toolCall.put("type", "function");
                ObjectNode function = toolCall.putObject("function");
                function.put("name", call.path("name").asText(""));
                JsonNode args = call.get("args");
                function.put("arguments", WireJson.compact(args != null && args.isObject() ? args : WireJson.object()));
            } else if (part.path("text").isTextual()) {
                (part.path("thought").asBoolean(false) ? thoughts : text).append(part.get("text").textValue());
            }
        }
        return new GeminiParts(text.toString(), thoughts.toString(), signature, calls);
    }

    /**
     * Gemini's {@code finishReason} as OpenAI's: {@code STOP} → {@code stop} ({@code tool_calls} when the answer
     * called a function), {@code MAX_TOKENS} → {@code length}, the safety family ({@code SAFETY}, {@code RECITATION},
     * {@code BLOCKLIST}, {@code PROHIBITED_CONTENT}, {@code SPII}, {@code IMAGE_SAFETY}) → {@code content_filter},
     * anything else → {@code stop}; null when there is none.
     */
    static String finishReason(String gemini, boolean calledTools) {
        if (gemini == null || gemini.isEmpty()) {
            return null;
        }
        if (calledTools) {
            return "tool_calls";
        }
        return switch (gemini) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * {@code usageMetadata} as OpenAI {@code usage}: {@code prompt_tokens} = {@code promptTokenCount} (cached
     * included, as OpenAI counts), {@code completion_tokens} = {@code candidatesTokenCount} + {@code thoughtsTokenCount}
     * (thinking is billed as output), {@code prompt_tokens_details.cached_tokens} = {@code cachedContentTokenCount},
     * {@code completion_tokens_details.reasoning_tokens} = {@code thoughtsTokenCount}.
     */
    static ObjectNode usage(JsonNode metadata) {
        long prompt = metadata.path("promptTokenCount").asLong(0);
        long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
        long completion = metadata.path("candidatesTokenCount").asLong(0) + thoughts;
        ObjectNode usage = WireJson.object();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", metadata.path("totalTokenCount").asLong(prompt + completion));
        usage.putObject("prompt_tokens_details").put("cached_tokens", metadata.path("cachedContentTokenCount").asLong(0));
        usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
        return usage;
    }
}
