package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an Anthropic {@code tool_result} as the text of an OpenAI {@code role:"tool"} message, which can hold text
 * only.
 *
 * <ul>
 *   <li>A string stays as it is; an array of text blocks becomes its compact JSON, as in CCR.</li>
 *   <li>≠ CCR: an array holding images, documents or {@code tool_reference}s is written as text, block by block.
 *       Images become image parts the caller places in the user message that follows the tool messages, with a text
 *       part naming the call they came from, so providers that read images see them. Each {@code tool_reference}
 *       (Claude Code's ToolSearch result, which Anthropic's API expands into the tool's definition) becomes the
 *       {@code <functions><function>{"description","name","parameters"}</function></functions>} text that ToolSearch's
 *       own description promises the model. A text document becomes its text; other blocks their compact JSON.</li>
 *   <li>{@code is_error} prefixes {@code "Error: "} (just {@code "Error"} when empty), so the model learns the tool
 *       failed.</li>
 * </ul>
 */
final class ToolResults {

    private ToolResults() {}

    /**
     * The tool message's text; image parts of the result are appended to {@code attachments}.
     *
     * @param tools the request's {@code tools}, where {@code tool_reference}s are looked up
     */
    static String text(AnthropicBlock.ToolResult result, JsonNode tools, ChatRequestOptions options,
                       List<ObjectNode> attachments) {
        JsonNode content = result.content();
        String text;
        if (content == null) {
            text = "";
        } else if (content.isTextual()) {
            text = content.textValue();
        } else if (!needsRendering(content)) {
            text = Json.compact(content);
        } else {
            text = rendered(result.toolUseId(), content, tools, options, attachments);
        }
        if (!result.isError()) {
            return text;
        }
        return text.isEmpty() ? "Error" : "Error: " + text;
    }

    private static boolean needsRendering(JsonNode content) {
        for (JsonNode block : content) {
            switch (AnthropicBlock.of(block)) {
                case AnthropicBlock.Image i -> { return true; }
                case AnthropicBlock.Document d -> { return true; }
                case AnthropicBlock.ToolReference r -> { return true; }
                case AnthropicBlock.Text t -> { }
                case AnthropicBlock.ToolUse u -> { }
                case AnthropicBlock.ToolResult r -> { }
                case AnthropicBlock.Thinking t -> { }
                case AnthropicBlock.Unknown u -> { }
            }
        }
        return false;
    }

    private static String rendered(String toolUseId, JsonNode content, JsonNode tools, ChatRequestOptions options,
                                   List<ObjectNode> attachments) {
        List<String> lines = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        List<ObjectNode> images = new ArrayList<>();
        for (JsonNode block : content) {
            switch (AnthropicBlock.of(block)) {
                case AnthropicBlock.Text t -> lines.add(t.text());
                case AnthropicBlock.ToolReference r -> {
                    String definition = AnthropicTools.definition(tools, r.toolName());
                    functions.add(definition != null ? definition : "<function>{\"name\":"
                            + Json.compact(Json.NODES.textNode(r.toolName())) + "}</function>");
                }
                case AnthropicBlock.Image i -> {
                    ObjectNode part = AnthropicToChatRequest.imagePart(i, options);
                    if (part != null) {
                        images.add(part);
                    }
                }
                case AnthropicBlock.Document d -> {
                    ObjectNode part = AnthropicToChatRequest.documentPart(d);
                    if (part != null && part.has("text")) {
                        lines.add(part.get("text").textValue());
                    } else if (part != null) {
                        images.add(part);
                    }
                }
                case AnthropicBlock.ToolUse u -> lines.add(Json.compact(block));
                case AnthropicBlock.ToolResult r -> lines.add(Json.compact(block));
                case AnthropicBlock.Thinking t -> lines.add(Json.compact(block));
                case AnthropicBlock.Unknown u -> lines.add(Json.compact(block));
            }
        }
        if (!functions.isEmpty()) {
            lines.add("<functions>\n" + String.join("\n", functions) + "\n</functions>");
        }
        if (!images.isEmpty()) {
            lines.add("(" + images.size() + (images.size() == 1 ? " attachment follows" : " attachments follow")
                    + " in the next user message)");
            ObjectNode label = Json.object();
            label.put("type", "text");
            label.put("text", "Attachments returned by tool call " + toolUseId + ":");
            attachments.add(label);
            attachments.addAll(images);
        }
        return String.join("\n", lines);
    }
}
