package dev.ccr.wire.gemini;

import dev.ccr.wire.WireJson;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * Converts a Gemini {@code generateContent} answer into an OpenAI {@code chat.completion}.
 *
 * <p>From {@code candidates[0].content.parts}: text parts → {@code message.content} (concatenated; {@code null} when
 * there is none), {@code thought:true} parts → {@code message.reasoning_content}, {@code functionCall} parts →
 * {@code message.tool_calls} (Gemini's id or a generated {@code call_…}, arguments as a JSON string), the first
 * {@code thoughtSignature} → CCR's {@code message.thinking {content, signature}} extension so Claude Code can send it
 * back. {@code finishReason} and {@code usageMetadata} as in {@link GeminiParts}; a prompt blocked before any
 * candidate ({@code promptFeedback.blockReason}) → {@code content_filter}. {@code id} = {@code responseId},
 * {@code model} = {@code modelVersion}. An answer with an {@code error} object and no candidates passes unchanged.
 */
public final class GeminiToChatResponse {
    private GeminiToChatResponse() {
    }

    public static ObjectNode convert(ObjectNode gemini) {
        return convert(gemini, WireJson::toolCallId);
    }

    /** As {@link #convert(ObjectNode)}, with tool call ids for unnamed calls from {@code ids}. */
    public static ObjectNode convert(ObjectNode gemini, Supplier<String> ids) {
        return convert(gemini, ids, InstantSource.system());
    }

    /** As {@link #convert(ObjectNode, Supplier)}, with the completion's {@code created} time from {@code time}. */
    public static ObjectNode convert(ObjectNode gemini, Supplier<String> ids, InstantSource time) {
        requireNonNull(gemini, "gemini");
        if (gemini.has("error") && !gemini.has("candidates")) {
            return gemini;
        }
        JsonNode candidate = gemini.path("candidates").path(0);
        GeminiParts parts = GeminiParts.of(candidate, 0, ids);

        ObjectNode out = WireJson.object();
        out.put("id", gemini.path("responseId").asText("chatcmpl-gemini"));
        out.put("object", "chat.completion");
        out.put("created", time.instant().getEpochSecond());
        out.put("model", gemini.path("modelVersion").asText(""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (parts.text().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", parts.text());
        }
        if (!parts.thoughts().isEmpty()) {
            message.put("reasoning_content", parts.thoughts());
        }
        if (parts.signature() != null) {
            ObjectNode thinking = message.putObject("thinking");
            thinking.put("content", parts.thoughts());
            thinking.put("signature", parts.signature());
        }
        if (!parts.toolCalls().isEmpty()) {
            parts.toolCalls().forEach(call -> ((ObjectNode) call).remove("index"));
            message.set("tool_calls", parts.toolCalls());
        }
        String finish = GeminiParts.finishReason(candidate.path("finishReason").asText(""), !parts.toolCalls().isEmpty());
        if (finish == null && !gemini.path("promptFeedback").path("blockReason").asText("").isEmpty()) {
            finish = "content_filter";
        }
        choice.put("finish_reason", finish == null ? "stop" : finish);
        if (gemini.path("usageMetadata").isObject()) {
            out.set("usage", GeminiParts.usage(gemini.get("usageMetadata")));
        }
        return out;
    }
}
