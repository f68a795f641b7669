package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One content block of an Anthropic message, as the request converter reads it.
 *
 * <p>Only the fields a conversion uses are lifted out; {@link Unknown} keeps the raw JSON of every other block type
 * (redacted thinking, search results, server tool blocks…), so switches stay exhaustive without a
 * {@code default}. JSON nulls and absent fields both arrive here as Java null.
 */
sealed interface AnthropicBlock {

    /** A text block; {@code cacheControl} is null when absent. */
    record Text(String text, JsonNode cacheControl) implements AnthropicBlock {}

    /** An image; {@code source} is its {@code source} object ({@code base64} or {@code url}), never null. */
    record Image(JsonNode source) implements AnthropicBlock {}

    /** A tool call made by the assistant; {@code input} is null when absent. */
    record ToolUse(String id, String name, JsonNode input) implements AnthropicBlock {}

    /** The result of a tool call; {@code content} is a string or an array of blocks, or null when absent. */
    record ToolResult(String toolUseId, JsonNode content, boolean isError, JsonNode cacheControl)
            implements AnthropicBlock {}

    /** A thinking block sent back by the client; {@code signature} is null or empty when unsigned. */
    record Thinking(String thinking, String signature) implements AnthropicBlock {}

    /** A document (PDF or text); {@code source} is its {@code source} object, never null; {@code title} may be null. */
    record Document(JsonNode source, String title) implements AnthropicBlock {}

    /** Inside a tool result: a deferred tool the client asks Anthropic's API to expand into its definition. */
    record ToolReference(String toolName) implements AnthropicBlock {}

    /** Any block ccr does not convert, with its JSON. */
    record Unknown(JsonNode raw) implements AnthropicBlock {}

    static AnthropicBlock of(JsonNode block) {
        return switch (block.path("type").asText("")) {
            case "text" -> new Text(block.path("text").asText(""), Json.present(block, "cache_control"));
            case "image" -> block.path("source").isObject() ? new Image(block.get("source")) : new Unknown(block);
            case "tool_use" -> new ToolUse(text(block, "id"), text(block, "name"), Json.present(block, "input"));
            case "tool_result" -> new ToolResult(text(block, "tool_use_id"), Json.present(block, "content"),
                    block.path("is_error").asBoolean(false), Json.present(block, "cache_control"));
            case "thinking" -> new Thinking(block.path("thinking").asText(""), text(block, "signature"));
            case "document" -> block.path("source").isObject()
                    ? new Document(block.get("source"), text(block, "title")) : new Unknown(block);
            case "tool_reference" -> text(block, "tool_name") != null
                    ? new ToolReference(text(block, "tool_name")) : new Unknown(block);
            default -> new Unknown(block);
        };
    }

    private static String text(JsonNode block, String field) {
        JsonNode v = block.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
