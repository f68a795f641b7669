package dev.ccr.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.sse.SseEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * Converts an Anthropic event stream, from a provider that speaks Anthropic behind a transformer (such as
 * {@code vertex-claude}), into OpenAI {@code chat.completion.chunk} events, one chunk per event that carries content.
 *
 * <ul>
 *   <li>{@code message_start} → a chunk with {@code delta.role}; its id, model and input usage are kept.</li>
 *   <li>{@code text_delta} → {@code delta.content}; {@code thinking_delta} → {@code delta.reasoning_content};
 *       {@code signature_delta} → CCR's {@code delta.thinking {signature}}, which closes the thinking block with
 *       that signature on the way back to Anthropic.</li>
 *   <li>A {@code tool_use} block start → a {@code delta.tool_calls} entry with its id and name, numbered from 0
 *       across the stream; its {@code input_json_delta}s → argument fragments of that entry.</li>
 *   <li>{@code message_delta} → a chunk with the {@code finish_reason} and the usage so far
 *       ({@link AnthropicChatChunks}); {@code message_stop} → {@code [DONE]}.</li>
 *   <li>{@code error} → a chunk {@code {"error": …}} with Anthropic's error object.</li>
 *   <li>{@code ping}, block stops, other blocks (redacted thinking, server tools) and non-JSON data are dropped.</li>
 * </ul>
 * Not thread-safe; one instance per stream.
 */
public final class AnthropicToChatStream implements StreamConverter {
    private String id = "";
    private String model = "";
    private long input;
    private long cacheRead;
    private long cacheCreation;
    private long output;
    /** Anthropic block index → OpenAI tool call index, for the stream's tool_use blocks. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();

    @Override
    public void accept(EventSink out, SseEvent event) {
        ObjectNode data = WireJson.parseObjectOrNull(event.data());
        if (data == null) {
            return;
        }
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                id = message.path("id").asText("");
                model = message.path("model").asText("");
                readUsage(message.path("usage"));
                out.emit(chunk(WireJson.object().put("role", "assistant").put("content", "")));
            }
            case "content_block_start" -> blockStart(out, data.path("index").asInt(), data.path("content_block"));
            case "content_block_delta" -> blockDelta(out, data.path("index").asInt(), data.path("delta"));
            case "message_delta" -> {
                readUsage(data.path("usage"));
                ObjectNode chunk = chunkNode(WireJson.object());
                ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason",
                        AnthropicChatChunks.finishReason(data.path("delta").path("stop_reason").asText("end_turn")));
                chunk.set("usage", AnthropicChatChunks.usage(input, cacheRead, cacheCreation, output));
                out.emit(new SseEvent(null, WireJson.compact(chunk)));
            }
            case "message_stop" -> out.emit(new SseEvent(null, "[DONE]"));
            case "error" -> out.emit(new SseEvent(null, WireJson.compact(
                    WireJson.object().set("error", data.has("error") ? data.get("error") : data))));
            default -> { }
        }
    }

    @Override
    public void atEnd(EventSink out) {
    }

    private void blockStart(EventSink out, int index, JsonNode block) {
        switch (block.path("type").asText()) {
            case "tool_use" -> {
                int call = toolCalls.size();
                toolCalls.put(index, call);
                ObjectNode entry = WireJson.object().put("index", call)
                        .put("id", block.path("id").asText(WireJson.toolCallId())).put("type", "function");
                entry.set("function", WireJson.object().put("name", block.path("name").asText()).put("arguments", ""));
                out.emit(toolCallChunk(entry));
            }
            case "text" -> content(out, "content", block.path("text").asText(""));
            case "thinking" -> content(out, "reasoning_content", block.path("thinking").asText(""));
            default -> { }
        }
    }

    private void blockDelta(EventSink out, int index, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> content(out, "content", delta.path("text").asText(""));
            case "thinking_delta" -> content(out, "reasoning_content", delta.path("thinking").asText(""));
            case "signature_delta" -> out.emit(chunk(WireJson.object().set("thinking",
                    WireJson.object().put("signature", delta.path("signature").asText("")))));
            case "input_json_delta" -> {
                Integer call = toolCalls.get(index);
                if (call != null) {
                    ObjectNode entry = WireJson.object().put("index", call);
                    entry.set("function", WireJson.object().put("arguments", delta.path("partial_json").asText("")));
                    out.emit(toolCallChunk(entry));
                }
            }
            default -> { }
        }
    }

    private void content(EventSink out, String field, String text) {
        if (!text.isEmpty()) {
            out.emit(chunk(WireJson.object().put(field, text)));
        }
    }

    private SseEvent toolCallChunk(ObjectNode entry) {
        return chunk(WireJson.object().set("tool_calls", WireJson.NODES.arrayNode().add(entry)));
    }

    private void readUsage(JsonNode usage) {
        input = usage.path("input_tokens").asLong(input);
        cacheRead = usage.path("cache_read_input_tokens").asLong(cacheRead);
        cacheCreation = usage.path("cache_creation_input_tokens").asLong(cacheCreation);
        output = usage.path("output_tokens").asLong(output);
    }

    private SseEvent chunk(ObjectNode delta) {
        return new SseEvent(null, WireJson.compact(chunkNode(delta)));
    }

    private ObjectNode chunkNode(ObjectNode delta) {
        ObjectNode choice = WireJson.object().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("finish_reason");
        ObjectNode chunk = WireJson.object().put("id", id).put("object", "chat.completion.chunk").put("created", 0)
                .put("model", model);
        chunk.set("choices", WireJson.NODES.arrayNode().add(choice));
        return chunk;
    }
}
