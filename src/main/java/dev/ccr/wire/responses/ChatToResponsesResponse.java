package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.ThinkingToken;
import dev.ccr.wire.WireJson;

import static java.util.Objects.requireNonNull;

/**
 * Converts a complete OpenAI {@code chat.completion} into a Responses API {@code response}, for clients of
 * {@code POST /v1/responses}: the reverse of {@link ResponsesToChatResponse}.
 *
 * <p>Output items in the order a model produces them: CCR's {@code message.thinking} or {@code reasoning_content} → a
 * {@code reasoning} item with the text as its summary (and a signed thinking block packed into its
 * {@code encrypted_content}, {@link ThinkingToken}, so the client's history brings it back); {@code content} → a {@code message} item with one
 * {@code output_text}; each tool call → a {@code function_call} item (its id is the {@code call_id}).
 * {@code finish_reason} {@code length} → {@code status:"incomplete"} for {@code max_output_tokens}; usage as
 * {@link ResponseObjects#usage}. Anything that is not a completion is returned unchanged.
 */
public final class ChatToResponsesResponse {
    private ChatToResponsesResponse() {
    }

    /** @param createdAt the answer's time in epoch seconds (the wire package has no clock) */
    public static ObjectNode convert(ObjectNode completion, long createdAt) {
        requireNonNull(completion, "completion");
        if (!completion.has("choices")) {
            return completion;
        }
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode response = ResponseObjects.response(ResponseObjects.id("resp_"),
                completion.path("model").asText(""), createdAt, "completed");
        ArrayNode output = (ArrayNode) response.get("output");
        String reasoning = message.path("thinking").path("content").asText(message.path("reasoning_content").asText(""));
        if (!reasoning.isEmpty()) {
            ObjectNode item = ResponseObjects.reasoning(ResponseObjects.id("rs_"), reasoning);
            String signature = message.path("thinking").path("signature").asText("");
            if (!signature.isEmpty()) {
                item.put("encrypted_content", ThinkingToken.encode(reasoning, signature));
            }
            output.add(item);
        }
        String text = message.path("content").asText("");
        if (!text.isEmpty()) {
            output.add(ResponseObjects.message(ResponseObjects.id("msg_"), "completed", text));
        }
        for (JsonNode call : message.path("tool_calls")) {
            output.add(ResponseObjects.functionCall(ResponseObjects.id("fc_"),
                    call.path("id").asText(WireJson.toolCallId()), call.path("function").path("name").asText(""),
                    call.path("function").path("arguments").asText("{}"), "completed"));
        }
        ResponseObjects.finish(response, choice.path("finish_reason").asText("stop"), completion.path("usage"));
        return response;
    }
}
