package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.ThinkingToken;
import dev.ccr.wire.WireJson;

import static java.util.Objects.requireNonNull;

/**
 * Converts a complete OpenAI {@code chat.completion} into a Gemini {@code GenerateContentResponse}, for clients of
 * {@code :generateContent}: the reverse of {@link GeminiToChatResponse}.
 *
 * <p>One candidate whose parts are, in order: the reasoning ({@code reasoning_content} or CCR's
 * {@code message.thinking}) as a {@code thought:true} text part, the text, then one {@code functionCall} per tool call
 * with its id and parsed arguments; a signed thinking block rides on the first call as its {@code thoughtSignature}
 * ({@link #signFirstCall}). Finish reasons: {@code length} → {@code MAX_TOKENS}, {@code content_filter} →
 * {@code SAFETY}, others → {@code STOP}. Usage: {@code promptTokenCount} = {@code prompt_tokens},
 * {@code thoughtsTokenCount} = the reasoning tokens, {@code candidatesTokenCount} = the other completion tokens,
 * {@code cachedContentTokenCount} = the cached ones. Anything that is not a completion is returned unchanged.
 */
public final class ChatToGeminiResponse {
    private ChatToGeminiResponse() {
    }

    public static ObjectNode convert(ObjectNode completion) {
        requireNonNull(completion, "completion");
        if (!completion.has("choices")) {
            return completion;
        }
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ArrayNode parts = WireJson.NODES.arrayNode();
        String reasoning = message.path("reasoning_content").asText(message.path("thinking").path("content").asText(""));
        if (!reasoning.isEmpty()) {
            parts.addObject().put("text", reasoning).put("thought", true);
        }
        String text = message.path("content").asText("");
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            parts.add(functionCall(call.path("id").asText(""), call.path("function").path("name").asText(""),
                    call.path("function").path("arguments").asText("")));
        }
        signFirstCall(parts, reasoning, message.path("thinking").path("signature").asText(""));
        return GeminiChunks.response(completion.path("id").asText(""), completion.path("model").asText(""), parts,
                choice.path("finish_reason").asText("stop"), completion.path("usage"));
    }

    /**
     * Puts a signed thinking block on the first function call as its {@code thoughtSignature}
     * ({@link ThinkingToken}), where Gemini puts its own and its clients keep it, so the block comes back with the
     * call's result.
     */
    static void signFirstCall(ArrayNode parts, String thinking, String signature) {
        if (signature.isEmpty()) {
            return;
        }
        for (JsonNode part : parts) {
            if (part.has("functionCall")) {
                ((ObjectNode) part).put("thoughtSignature", ThinkingToken.encode(thinking, signature));
                return;
            }
        }
    }

    static ObjectNode functionCall(String id, String name, String arguments) {
        ObjectNode call = WireJson.object();
        if (!id.isEmpty()) {
            call.put("id", id);
        }
        call.put("name", name);
        ObjectNode args = WireJson.parseObjectOrNull(arguments.isBlank() ? "{}" : arguments);
        call.set("args", args != null ? args : WireJson.object().put("arguments", arguments));
        return WireJson.object().set("functionCall", call);
    }
}
