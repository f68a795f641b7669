package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What one main round answered, as the agent needs it to go on: the assistant's content blocks in order (tool inputs
 * parsed) and, among them, the {@code analyzeImage} calls.
 */
record RoundAnswer(List<ObjectNode> content) {
    RoundAnswer {
        content = List.copyOf(content);
    }

    List<ObjectNode> analyzeCalls() {
        return content.stream().filter(RoundAnswer::isAnalyzeCall).toList();
    }

    static boolean isAnalyzeCall(ObjectNode block) {
        return "tool_use".equals(block.path("type").asText()) && AnalyzeImageTool.NAME.equals(block.path("name").asText());
    }

    static boolean isOtherToolCall(ObjectNode block) {
        return "tool_use".equals(block.path("type").asText()) && !isAnalyzeCall(block);
    }
}
