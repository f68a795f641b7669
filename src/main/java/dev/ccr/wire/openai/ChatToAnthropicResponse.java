package dev.ccr.wire.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireException;

/**
 * Converts a provider's complete chat completion into the Anthropic message a non-streaming client receives.
 *
 * <p>Follows CCR 2.0.0 (docs/ccr-checklist.md items 2, 8, 9, 12): {@code id} and {@code model} are the provider's,
 * {@code finish_reason} maps {@code stop→end_turn}, {@code length→max_tokens}, {@code tool_calls→tool_use},
 * {@code content_filter→stop_sequence}, anything else {@code end_turn}; usage is
 * {@code input_tokens = prompt_tokens − cached}, {@code output_tokens = completion_tokens},
 * {@code cache_read_input_tokens = cached}. Tool arguments are parsed; arguments that are not a JSON object become
 * {@code {"text": <raw arguments>}} and missing ones {@code {}}.
 *
 * <p>Content order: thinking, web search results (from {@code annotations}), text, tool uses. Differences from CCR:
 * <ul>
 *   <li>{@code reasoning_content} or {@code reasoning} on the message becomes a thinking block with
 *       {@code "signature":""} (the Anthropic SDKs require the field) without any transformer; CCR's
 *       {@code message.thinking {content, signature}} extension still works and wins when present.</li>
 *   <li>The thinking block comes first, as Anthropic sends it; CCR puts it last.</li>
 *   <li>A missing {@code id} gets a fresh {@code msg_} id; array {@code content} parts are joined; a {@code refusal}
 *       is text after them (≠ CCR, which loses it).</li>
 * </ul>
 */
public final class ChatToAnthropicResponse {

    private ChatToAnthropicResponse() {}

    /**
     * Returns the Anthropic message for {@code chatCompletion}.
     *
     * @throws WireException when the body has no {@code choices[0]} (for instance an error body), carrying the body
     */
    public static ObjectNode convert(ObjectNode chatCompletion) {
        requireNonNull(chatCompletion, "chatCompletion");
        JsonNode choice = chatCompletion.path("choices").path(0);
        if (!choice.isObject()) {
            throw new WireException("Provider error: no choices in " + Json.excerpt(chatCompletion));
        }
        JsonNode message = choice.path("message");

        ObjectNode out = Json.object();
        String id = Json.nonEmptyText(chatCompletion.get("id"));
        out.put("id", id != null ? id : Ids.messageId());
        out.put("type", "message");
        out.put("role", "assistant");
        String model = Json.nonEmptyText(chatCompletion.get("model"));
        out.put("model", model != null ? model : "unknown");

        ArrayNode content = out.putArray("content");
        addThinking(message, content);
        addWebSearchResults(message.get("annotations"), content);
        String text = text(message.get("content"));
        // OpenAI's refusal (structured outputs) is the model's answer; Anthropic has no block for it, so it is text.
        String refusal = Json.nonEmptyText(message.get("refusal"));
        if (refusal != null) {
            text = text == null ? refusal : text + "\n" + refusal;
        }
        if (text != null) {
            ObjectNode block = content.addObject();
            block.put("type", "text");
            block.put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode block = content.addObject();
            block.put("type", "tool_use");
            String callId = Json.nonEmptyText(call.get("id"));
            block.put("id", callId != null ? callId : Ids.toolUseId());
            block.put("name", call.path("function").path("name").asText(""));
            block.set("input", toolInput(Json.present(call.path("function"), "arguments")));
        }

        out.put("stop_reason", StopReasons.of(Json.nonEmptyText(choice.get("finish_reason"))));
        out.putNull("stop_sequence");
        out.set("usage", TokenUsage.of(chatCompletion.get("usage")).toAnthropic(0));
        return out;
    }

    private static void addThinking(JsonNode message, ArrayNode content) {
        JsonNode ccrThinking = message.path("thinking");
        String thinking = Json.nonEmptyText(ccrThinking.get("content"));
        String signature = thinking != null ? ccrThinking.path("signature").asText("") : "";
        if (thinking == null) {
            thinking = ReasoningText.of(message);
        }
        if (thinking != null) {
            ObjectNode block = content.addObject();
            block.put("type", "thinking");
            block.put("thinking", thinking);
            block.put("signature", signature);
        }
    }

    /** CCR's rendering of {@code url_citation} annotations as one web search and its results. */
    private static void addWebSearchResults(JsonNode annotations, ArrayNode content) {
        if (annotations == null || !annotations.isArray() || annotations.isEmpty()) {
            return;
        }
        String id = Ids.serverToolUseId();
        ObjectNode use = content.addObject();
        use.put("type", "server_tool_use");
        use.put("id", id);
        use.put("name", "web_search");
        use.putObject("input").put("query", "");
        ObjectNode result = content.addObject();
        result.put("type", "web_search_tool_result");
        result.put("tool_use_id", id);
        ArrayNode results = result.putArray("content");
        for (JsonNode annotation : annotations) {
            JsonNode citation = annotation.path("url_citation");
            if (citation.isObject()) {
                ObjectNode r = results.addObject();
                r.put("type", "web_search_result");
                r.put("url", citation.path("url").asText(""));
                r.put("title", citation.path("title").asText(""));
            }
        }
    }

    /** The message text: a non-empty string, or the text parts of an array joined; null when there is none. */
    private static String text(JsonNode content) {
        if (content == null || !content.isArray()) {
            return Json.nonEmptyText(content);
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            sb.append(part.path("text").asText(""));
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Tool arguments as Anthropic's {@code input} object (docs/ccr-checklist.md item 12). */
    static ObjectNode toolInput(JsonNode arguments) {
        if (arguments == null) {
            return Json.object();
        }
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        String raw = arguments.isTextual() ? arguments.textValue() : Json.compact(arguments);
        if (raw.isBlank()) {
            return Json.object();
        }
        ObjectNode parsed = Json.parseObjectOrNull(raw);
        if (parsed != null) {
            return parsed;
        }
        ObjectNode wrapped = Json.object();
        wrapped.put("text", raw);
        return wrapped;
    }
}
