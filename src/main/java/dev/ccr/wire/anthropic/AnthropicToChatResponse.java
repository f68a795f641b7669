package dev.ccr.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

/**
 * Converts a complete Anthropic message, from a provider that speaks Anthropic behind a transformer (such as
 * {@code vertex-claude}), into an OpenAI {@code chat.completion}, the form the provider chain hands back.
 *
 * <p>Text blocks → {@code message.content} (joined; {@code null} when there is none), thinking blocks →
 * CCR's {@code message.thinking {content, signature}} so the signature survives the way back to Anthropic,
 * {@code tool_use} blocks → {@code message.tool_calls} with the input as a JSON string; other blocks (redacted
 * thinking, server tools) have no chat form and are dropped. Stop reasons and usage as {@link AnthropicChatChunks}.
 * Anything that is not a message ({@code "type":"error"}, other JSON) is returned unchanged, for the pipeline to
 * report as the provider's bad answer.
 */
public final class AnthropicToChatResponse {
    private AnthropicToChatResponse() {
    }

    public static ObjectNode convert(ObjectNode anthropic) {
        if (!"message".equals(anthropic.path("type").asText())) {
            return anthropic;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        String signature = "";
        ArrayNode toolCalls = WireJson.NODES.arrayNode();
        for (JsonNode block : anthropic.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText(""));
                case "thinking" -> {
                    thinking.append(block.path("thinking").asText(""));
                    signature = block.path("signature").asText(signature);
                }
                case "tool_use" -> toolCalls.add(WireJson.object()
                        .put("id", block.path("id").asText(WireJson.toolCallId()))
                        .put("type", "function")
                        .set("function", WireJson.object()
                                .put("name", block.path("name").asText())
                                .put("arguments", WireJson.compact(block.path("input").isObject()
                                        ? block.get("input") : WireJson.object()))));
                default -> { }
            }
        }
        ObjectNode message = WireJson.object().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!thinking.isEmpty()) {
            message.set("thinking", WireJson.object().put("content", thinking.toString()).put("signature", signature));
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        ObjectNode choice = WireJson.object().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", AnthropicChatChunks.finishReason(anthropic.path("stop_reason").asText("end_turn")));
        ObjectNode completion = WireJson.object()
                .put("id", anthropic.path("id").asText(""))
                .put("object", "chat.completion")
                .put("created", 0)
                .put("model", anthropic.path("model").asText(""));
        completion.set("choices", WireJson.NODES.arrayNode().add(choice));
        completion.set("usage", AnthropicChatChunks.usage(anthropic.path("usage")));
        return completion;
    }
}
