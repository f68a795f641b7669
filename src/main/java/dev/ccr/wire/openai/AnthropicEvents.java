package dev.ccr.wire.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.AnthropicError;
import dev.ccr.wire.sse.SseEvent;

/** Builds the Anthropic stream events, each as {@code event: <type>} with its compact JSON. */
final class AnthropicEvents {

    private AnthropicEvents() {}

    static SseEvent messageStart(String id, String model, long inputTokens) {
        ObjectNode e = typed("message_start");
        ObjectNode m = e.putObject("message");
        m.put("id", id);
        m.put("type", "message");
        m.put("role", "assistant");
        m.putArray("content");
        m.put("model", model);
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        ObjectNode usage = m.putObject("usage");
        usage.put("input_tokens", inputTokens);
        usage.put("output_tokens", 0);
        return event(e);
    }

    static SseEvent textStart(int index) {
        ObjectNode block = Json.object();
        block.put("type", "text");
        block.put("text", "");
        return blockStart(index, block);
    }

    /** The real API opens thinking blocks with an empty signature; the SDKs' thinking block requires the field. */
    static SseEvent thinkingStart(int index) {
        ObjectNode block = Json.object();
        block.put("type", "thinking");
        block.put("thinking", "");
        block.put("signature", "");
        return blockStart(index, block);
    }

    static SseEvent toolUseStart(int index, String id, String name) {
        ObjectNode block = Json.object();
        block.put("type", "tool_use");
        block.put("id", id);
        block.put("name", name);
        block.putObject("input");
        return blockStart(index, block);
    }

    static SseEvent webSearchResultStart(int index, String toolUseId, String title, String url) {
        ObjectNode block = Json.object();
        block.put("type", "web_search_tool_result");
        block.put("tool_use_id", toolUseId);
        ObjectNode result = block.putArray("content").addObject();
        result.put("type", "web_search_result");
        result.put("title", title);
        result.put("url", url);
        return blockStart(index, block);
    }

    static SseEvent textDelta(int index, String text) {
        return blockDelta(index, "text_delta", "text", text);
    }

    static SseEvent thinkingDelta(int index, String thinking) {
        return blockDelta(index, "thinking_delta", "thinking", thinking);
    }

    static SseEvent signatureDelta(int index, String signature) {
        return blockDelta(index, "signature_delta", "signature", signature);
    }

    static SseEvent inputJsonDelta(int index, String partialJson) {
        return blockDelta(index, "input_json_delta", "partial_json", partialJson);
    }

    static SseEvent blockStop(int index) {
        ObjectNode e = typed("content_block_stop");
        e.put("index", index);
        return event(e);
    }

    static SseEvent messageDelta(String stopReason, ObjectNode usage) {
        ObjectNode e = typed("message_delta");
        ObjectNode delta = e.putObject("delta");
        delta.put("stop_reason", stopReason);
        delta.putNull("stop_sequence");
        e.set("usage", usage);
        return event(e);
    }

    static SseEvent messageStop() {
        return event(typed("message_stop"));
    }

    /**
     * Anthropic's error event for an error chunk, whose message is the upstream error's JSON (or its text when it is a
     * string). CCR puts the same under a {@code message} key (P-7), which the Anthropic SDKs do not read.
     */
    static SseEvent error(JsonNode upstreamError) {
        String message = upstreamError.isTextual() ? upstreamError.textValue() : Json.compact(upstreamError);
        return new AnthropicError("api_error", message, null).toEvent();
    }

    private static SseEvent blockStart(int index, ObjectNode block) {
        ObjectNode e = typed("content_block_start");
        e.put("index", index);
        e.set("content_block", block);
        return event(e);
    }

    /**
     * The event of every streamed token, written as text rather than built as a tree and serialized: the tree and
     * the mapper's per-call objects were a third of what a converted stream allocated. The same bytes as the mapper
     * writes ({@code type} and {@code field} are names that need no escaping).
     */
    private static SseEvent blockDelta(int index, String type, String field, String value) {
        StringBuilder json = new StringBuilder(value.length() + 96)
                .append("{\"type\":\"content_block_delta\",\"index\":").append(index)
                .append(",\"delta\":{\"type\":\"").append(type).append("\",\"").append(field).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        return new SseEvent("content_block_delta", json.append("\"}}").toString());
    }

    private static ObjectNode typed(String type) {
        ObjectNode e = Json.object();
        e.put("type", type);
        return e;
    }

    private static SseEvent event(ObjectNode data) {
        return new SseEvent(data.get("type").textValue(), Json.compact(data));
    }
}
