package dev.ccr.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.sse.SseEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays a complete Anthropic message as the event stream a streaming client expects: {@code message_start}, one
 * start/delta/stop triple per content block, {@code message_delta} with the stop reason and usage, then
 * {@code message_stop}. Used when a provider answers a streaming request with plain JSON.
 */
public final class MessageAsEvents {
    private static final ObjectMapper JSON = WireJson.MAPPER;

    private MessageAsEvents() {
    }

    public static List<SseEvent> of(ObjectNode message) {
        List<SseEvent> events = new ArrayList<>();
        ObjectNode start = message.deepCopy();
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        ObjectNode startUsage = start.putObject("usage");
        startUsage.put("input_tokens", message.path("usage").path("input_tokens").asLong(0));
        startUsage.put("output_tokens", 0);
        events.add(event("message_start", JSON.createObjectNode().put("type", "message_start").set("message", start)));

        int index = 0;
        for (JsonNode block : message.path("content")) {
            blockEvents(events, index++, block);
        }

        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").set("stop_reason", message.path("stop_reason").isMissingNode()
                ? JSON.getNodeFactory().textNode("end_turn") : message.get("stop_reason"));
        ((ObjectNode) delta.get("delta")).set("stop_sequence", message.path("stop_sequence").isMissingNode()
                ? JSON.getNodeFactory().nullNode() : message.get("stop_sequence"));
        delta.set("usage", message.path("usage").isObject() ? message.get("usage") : JSON.createObjectNode());
        events.add(event("message_delta", delta));
        events.add(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
        return events;
    }

    private static void blockEvents(List<SseEvent> events, int index, JsonNode block) {
        String type = block.path("type").asText();
        ObjectNode opened = block.deepCopy();
        ObjectNode delta = null;
        switch (type) {
            case "text" -> {
                opened.put("text", "");
                delta = JSON.createObjectNode().put("type", "text_delta").put("text", block.path("text").asText(""));
            }
            case "thinking" -> {
                opened.put("thinking", "");
                opened.put("signature", "");
                delta = JSON.createObjectNode().put("type", "thinking_delta").put("thinking", block.path("thinking").asText(""));
            }
            case "tool_use", "server_tool_use" -> {
                opened.putObject("input");
                delta = JSON.createObjectNode().put("type", "input_json_delta")
                        .put("partial_json", block.path("input").isMissingNode() ? "{}" : block.get("input").toString());
            }
            default -> {
                // other blocks (web search results, redacted thinking) are sent whole in their start event
            }
        }
        events.add(event("content_block_start", JSON.createObjectNode().put("type", "content_block_start")
                .put("index", index).set("content_block", opened)));
        if (delta != null) {
            events.add(event("content_block_delta", JSON.createObjectNode().put("type", "content_block_delta")
                    .put("index", index).set("delta", delta)));
        }
        if (type.equals("thinking") && !block.path("signature").asText("").isEmpty()) {
            events.add(event("content_block_delta", JSON.createObjectNode().put("type", "content_block_delta")
                    .put("index", index).set("delta", JSON.createObjectNode().put("type", "signature_delta")
                            .put("signature", block.get("signature").asText()))));
        }
        events.add(event("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", index)));
    }

    private static SseEvent event(String name, ObjectNode data) {
        return new SseEvent(name, data.toString());
    }
}
