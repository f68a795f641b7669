package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds a streamed answer's content blocks from its {@code content_block_*} events, for the follow-up request that
 * carries the assistant's turn back to the main model: text, thinking and its signature, tool calls with their input.
 */
final class ContentAccumulator {
    private final Map<Integer, ObjectNode> blocks = new TreeMap<>();
    private final Map<Integer, StringBuilder> toolInputs = new HashMap<>();

    void start(int index, JsonNode block) {
        ObjectNode copy = block instanceof ObjectNode object ? object.deepCopy() : WireJson.object();
        blocks.put(index, copy);
        if ("tool_use".equals(copy.path("type").asText())) {
            toolInputs.put(index, new StringBuilder());
        }
    }

    void delta(int index, JsonNode delta) {
        ObjectNode block = blocks.get(index);
        if (block == null) {
            return;
        }
        switch (delta.path("type").asText()) {
            case "text_delta" -> block.put("text", block.path("text").asText("") + delta.path("text").asText());
            case "thinking_delta" -> block.put("thinking", block.path("thinking").asText("") + delta.path("thinking").asText());
            case "signature_delta" -> block.put("signature", delta.path("signature").asText());
            case "input_json_delta" -> toolInputs.computeIfAbsent(index, i -> new StringBuilder())
                    .append(delta.path("partial_json").asText());
            default -> { } // citations and other deltas do not change what the follow-up needs
        }
    }

    void stop(int index) {
        StringBuilder input = toolInputs.remove(index);
        ObjectNode block = blocks.get(index);
        if (input != null && block != null && !input.isEmpty()) {
            ObjectNode parsed = WireJson.parseObjectOrNull(input.toString());
            block.set("input", parsed == null ? WireJson.object() : parsed);
        }
    }

    List<ObjectNode> content() {
        return new ArrayList<>(blocks.values());
    }
}
