package dev.ccr.wire.responses;

import dev.ccr.wire.WireJson;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.InstantSource;

/**
 * Converts an OpenAI Responses API {@code response} object into an OpenAI {@code chat.completion}.
 *
 * <p>From {@code output}: {@code message} items' {@code output_text} (and {@code refusal}) parts →
 * {@code message.content} (concatenated; {@code null} when there is none), {@code reasoning} items' summary text →
 * {@code message.reasoning_content}, {@code function_call} items → {@code message.tool_calls} with {@code call_id} as
 * the id and {@code arguments} as sent; other items (web search calls…) are dropped. {@code finish_reason} and
 * {@code usage} as in {@link ResponsesOutput}. {@code id}, {@code model} and {@code created} (from
 * {@code created_at}) carry over. A body with an {@code error} object and no output becomes {@code {error}}; one
 * already in chat form ({@code choices}, no {@code output}) passes unchanged.
 */
public final class ResponsesToChatResponse {
    private ResponsesToChatResponse() {
    }

    public static ObjectNode convert(ObjectNode response) {
        return convert(response, InstantSource.system());
    }

    /** As {@link #convert(ObjectNode)}, with the time of an answer that names none from {@code time}. */
    public static ObjectNode convert(ObjectNode response, InstantSource time) {
        requireNonNull(response, "response");
        if (response.has("choices") && !response.has("output")) {
            return response; // already chat form
        }
        if (response.path("error").isObject() && response.path("output").isEmpty()) {
            ObjectNode error = WireJson.object();
            error.set("error", response.get("error"));
            return error;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = WireJson.NODES.arrayNode();
        for (JsonNode item : response.path("output")) {
            switch (item.path("type").asText("")) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        switch (part.path("type").asText("")) {
                            case "output_text" -> text.append(part.path("text").asText(""));
                            case "refusal" -> text.append(part.path("refusal").asText(""));
                            default -> { }
                        }
                    }
                }
                case "reasoning" -> {
                    String summary = ResponsesOutput.summary(item);
                    if (!summary.isEmpty()) {
                        reasoning.append(reasoning.isEmpty() ? "" : "\n\n").append(summary);
                    }
                }
                case "function_call" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", item.path("call_id").asText(item.path("id").asText(WireJson.toolCallId())));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", item.path("name").asText(""));
                    function.put("arguments", item.path("arguments").asText("{}"));
                }
                default -> { }
            }
        }

        ObjectNode out = WireJson.object();
        out.put("id", response.path("id").asText("chatcmpl-responses"));
        out.put("object", "chat.completion");
        out.put("created", response.path("created_at").asLong(time.instant().getEpochSecond()));
        out.put("model", response.path("model").asText(""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.put("finish_reason", ResponsesOutput.finishReason(response, !toolCalls.isEmpty()));
        if (response.path("usage").isObject()) {
            out.set("usage", ResponsesOutput.usage(response.get("usage")));
        }
        return out;
    }
}
