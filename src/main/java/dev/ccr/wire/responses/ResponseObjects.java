package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

/**
 * The {@code response} object and its output items as the Responses API writes them, for the conversions from chat
 * form ({@link ChatToResponsesResponse}, {@link ChatToResponsesStream}). Every field the OpenAI SDKs require is present;
 * the request's own settings are not echoed (ccr answers with the API's defaults).
 */
final class ResponseObjects {
    private ResponseObjects() {
    }

    /** A {@code response} with no output yet; {@code status} is {@code in_progress}, {@code completed}… */
    static ObjectNode response(String id, String model, long createdAt, String status) {
        ObjectNode r = WireJson.object().put("id", id).put("object", "response").put("created_at", createdAt)
                .put("status", status);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.putNull("instructions");
        r.putNull("max_output_tokens");
        r.put("model", model);
        r.putArray("output");
        r.put("parallel_tool_calls", true);
        r.putNull("previous_response_id");
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("store", false);
        r.putNull("temperature");
        r.putObject("text").putObject("format").put("type", "text");
        r.put("tool_choice", "auto");
        r.putArray("tools");
        r.putNull("top_p");
        r.put("truncation", "disabled");
        r.putNull("usage");
        r.putObject("metadata");
        return r;
    }

    /** Marks a finished response: {@code completed}, or {@code incomplete} when the output hit its token limit. */
    static void finish(ObjectNode response, String finishReason, JsonNode chatUsage) {
        switch (finishReason) {
            case "length" -> {
                response.put("status", "incomplete");
                response.putObject("incomplete_details").put("reason", "max_output_tokens");
            }
            case "content_filter" -> {
                response.put("status", "incomplete");
                response.putObject("incomplete_details").put("reason", "content_filter");
            }
            default -> response.put("status", "completed");
        }
        response.set("usage", usage(chatUsage));
    }

    /** Chat {@code usage} as Responses {@code usage}: the reverse of {@link ResponsesOutput#usage}. */
    static ObjectNode usage(JsonNode chat) {
        long input = chat.path("prompt_tokens").asLong(0);
        long output = chat.path("completion_tokens").asLong(0);
        ObjectNode usage = WireJson.object().put("input_tokens", input);
        usage.putObject("input_tokens_details")
                .put("cached_tokens", chat.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details")
                .put("reasoning_tokens", chat.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
        usage.put("total_tokens", chat.path("total_tokens").asLong(input + output));
        return usage;
    }

    static ObjectNode message(String id, String status, String text) {
        ObjectNode item = WireJson.object().put("type", "message").put("id", id).put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = WireJson.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode reasoning(String id, String summary) {
        ObjectNode item = WireJson.object().put("type", "reasoning").put("id", id);
        ArrayNode parts = item.putArray("summary");
        if (summary != null) {
            parts.add(summaryText(summary));
        }
        return item;
    }

    static ObjectNode summaryText(String text) {
        return WireJson.object().put("type", "summary_text").put("text", text);
    }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return WireJson.object().put("type", "function_call").put("id", id).put("call_id", callId).put("name", name)
                .put("arguments", arguments).put("status", status);
    }

    /** An id with the API's prefix ({@code resp_}, {@code msg_}, {@code rs_}, {@code fc_}). */
    static String id(String prefix) {
        return prefix + WireJson.random96();
    }
}
