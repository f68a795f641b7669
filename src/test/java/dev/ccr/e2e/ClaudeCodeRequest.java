package dev.ccr.e2e;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.anthropic.models.messages.OutputConfig;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingConfigAdaptive;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claude Code's main-loop request, as the SDK's typed builders write it: the recorded 77 KB request
 * ({@code wire/claude-code-request.json}, shared with the wire tests and benchmarks) with its texts, tools and
 * metadata, and its shape spelled out here block by block (see {@code shared/spec/claude-code-traffic.md}).
 *
 * <p>anthropic-java 3.14.0 has typed builders for adaptive thinking, {@code output_config} and {@code role:"system"}
 * messages; only {@code context_management} needs the additional-body-properties escape hatch.
 */
final class ClaudeCodeRequest {
    /** The recorded request, as Claude Code 2.1.197 sent it (with {@code stream:true}). */
    static final JsonNode RECORDED = recorded();

    private static final CacheControlEphemeral EPHEMERAL = CacheControlEphemeral.builder().build();

    private ClaudeCodeRequest() {
    }

    /** The recorded request built with the SDK: three system blocks, a mid-conversation system message, 24 tools. */
    static MessageCreateParams params() {
        JsonNode system = RECORDED.get("system");
        JsonNode messages = RECORDED.get("messages");
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(RECORDED.get("model").asText())
                .maxTokens(RECORDED.get("max_tokens").asLong())
                .systemOfTextBlockParams(List.of(
                        text(system.get(0).get("text")),                           // billing header
                        text(system.get(1).get("text")),                           // identity line
                        cached(text(system.get(2).get("text")))))                  // main prompt, ~6k chars
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofText(text(messages.at("/0/content/0/text"))),          // <system-reminder>
                        ContentBlockParam.ofText(cached(text(messages.at("/0/content/1/text"))))))  // the prompt
                .addSystemMessage(messages.at("/1/content").asText())                             // agent types
                .addAssistantMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofText(text(messages.at("/2/content/0/text"))),
                        ContentBlockParam.ofToolUse(toolUse(messages.at("/2/content/1")))))
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolResult(toolResult(messages.at("/3/content/0")))))
                .thinking(ThinkingConfigAdaptive.builder().build())
                .outputConfig(OutputConfig.builder().effort(OutputConfig.Effort.HIGH).build())
                .metadata(Metadata.builder().userId(RECORDED.at("/metadata/user_id").asText()).build())
                // The escape hatch: no typed builder for context management on the non-beta messages API.
                .putAdditionalBodyProperty("context_management", JsonValue.fromJsonNode(RECORDED.get("context_management")))
                // Some of the headers Claude Code sends; ccr must not mind them.
                .putAdditionalHeader("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,"
                        + "context-management-2025-06-27,mid-conversation-system-2026-04-07,effort-2025-11-24")
                .putAdditionalHeader("x-app", "cli")
                .putAdditionalHeader("x-claude-code-session-id", "2b3c1f9e-7d41-4e0a-9a53-0c6f1f1d2e77");
        RECORDED.get("tools").forEach(tool -> params.addTool(tool(tool)));
        return params.build();
    }

    private static TextBlockParam text(JsonNode text) {
        return TextBlockParam.builder().text(text.asText()).build();
    }

    private static TextBlockParam cached(TextBlockParam block) {
        return block.toBuilder().cacheControl(EPHEMERAL).build();
    }

    private static ToolUseBlockParam toolUse(JsonNode block) {
        return ToolUseBlockParam.builder()
                .id(block.get("id").asText())
                .name(block.get("name").asText())
                .input(ToolUseBlockParam.Input.builder().additionalProperties(fields(block.get("input"), Set.of())).build())
                .build();
    }

    private static ToolResultBlockParam toolResult(JsonNode block) {
        return ToolResultBlockParam.builder()
                .toolUseId(block.get("tool_use_id").asText())
                .content(block.get("content").asText())
                .isError(block.get("is_error").asBoolean())
                .cacheControl(EPHEMERAL)
                .build();
    }

    private static Tool tool(JsonNode tool) {
        JsonNode schema = tool.get("input_schema");
        Tool.InputSchema.Builder inputSchema = Tool.InputSchema.builder()
                .properties(Tool.InputSchema.Properties.builder().additionalProperties(fields(schema.get("properties"), Set.of())).build())
                .additionalProperties(fields(schema, Set.of("type", "properties", "required")));
        schema.path("required").forEach(name -> inputSchema.addRequired(name.asText()));
        return Tool.builder()
                .name(tool.get("name").asText())
                .description(tool.get("description").asText())
                .inputSchema(inputSchema.build())
                .build();
    }

    /** The fields of a JSON object as SDK values, in order, except {@code skip}. */
    private static Map<String, JsonValue> fields(JsonNode object, Set<String> skip) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        object.properties().forEach(field -> {
            if (!skip.contains(field.getKey())) {
                fields.put(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
            }
        });
        return fields;
    }

    private static JsonNode recorded() {
        try (InputStream in = ClaudeCodeRequest.class.getResourceAsStream("/wire/claude-code-request.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource wire/claude-code-request.json is missing");
            }
            return SdkAgainstRouter.json(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
