package dev.ccr.wire.responses;

import dev.ccr.wire.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.sse.SseEvent;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Converts an OpenAI Responses API event stream into OpenAI {@code chat.completion.chunk} events.
 *
 * <p>The event's kind is its data's {@code type} (else the SSE event name). Emitted as each event is converted:
 * <ul>
 *   <li>{@code response.created}/{@code response.in_progress}: only remember {@code id} and {@code model}.</li>
 *   <li>{@code response.output_text.delta} (and {@code response.refusal.delta}) → {@code delta.content};
 *       {@code response.reasoning_summary_text.delta} → {@code delta.reasoning_content}, a blank line before every
 *       summary part after the first ({@code response.reasoning_summary_part.added}).</li>
 *   <li>{@code response.output_item.added} for a {@code function_call} item → a {@code delta.tool_calls} entry
 *       {@code {index, id: call_id, type:"function", function:{name, arguments}}}, the index numbering function_call
 *       items in order; {@code response.function_call_arguments.delta} → {@code {index, function:{arguments}}} for
 *       the item named by {@code item_id} (else {@code output_index}).</li>
 *   <li>{@code response.completed}/{@code response.incomplete} → a finish chunk ({@code finish_reason} as in
 *       {@link ResponsesOutput}), then a {@code {choices:[], usage}} chunk when the response has usage.</li>
 *   <li>{@code response.failed} → a chunk {@code {error}} with the response's error; an {@code error} event → a
 *       chunk {@code {error:{type, code, message, param}}}.</li>
 *   <li>Fallbacks for servers that skip deltas: {@code response.output_text.done} sends its text when no delta came
 *       for that content part; {@code response.output_item.done} for a {@code function_call} starts the call if it
 *       was never added and sends its {@code arguments} if none were streamed; {@code response.completed} starts
 *       function calls in its {@code output} never seen, and sends the output's text when the stream carried none.</li>
 *   <li>Anything else (other done events, web search progress…) and non-JSON data are dropped.</li>
 * </ul>
 * {@code [DONE]} closes the stream. Not thread-safe; one instance per stream.
 */
public final class ResponsesToChatStream implements StreamConverter {
    private final long created;
    private final Map<String, Integer> callIndexByItem = new HashMap<>();
    private final Map<Integer, Integer> callIndexByOutput = new HashMap<>();
    private String id = "chatcmpl-responses";
    private String model = "";
    private int toolCalls;
    private final Set<String> itemsWithText = new HashSet<>();
    private final Set<Integer> callsWithArguments = new HashSet<>();

    public ResponsesToChatStream() {
        this(InstantSource.system());
    }

    /** With the chunks' {@code created} time from {@code time}. */
    public ResponsesToChatStream(InstantSource time) {
        this.created = time.instant().getEpochSecond();
    }
    private boolean anyText;

    @Override
    public void accept(EventSink out, SseEvent event) {
        ObjectNode data = WireJson.parseObjectOrNull(event.data());
        if (data == null) {
            return;
        }
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        switch (type) {
            case "response.created", "response.in_progress" -> remember(data.path("response"));
            case "response.output_text.delta", "response.refusal.delta" -> text(out, data, data.path("delta").asText(""));
            case "response.output_text.done" -> {
                if (!itemsWithText.contains(textKey(data))) {
                    text(out, data, data.path("text").asText(""));
                }
            }
            case "response.reasoning_summary_text.delta" -> {
                String delta = data.path("delta").asText("");
                if (!delta.isEmpty()) {
                    emit(out, delta().put("reasoning_content", delta), null);
                }
            }
            case "response.reasoning_summary_part.added" -> {
                if (data.path("summary_index").asInt(0) > 0) {
                    emit(out, delta().put("reasoning_content", "\n\n"), null);
                }
            }
            case "response.output_item.added" -> {
                JsonNode item = data.path("item");
                if ("function_call".equals(item.path("type").asText(""))) {
                    startCall(out, item, data.path("output_index").asInt(-1));
                }
            }
            case "response.output_item.done" -> {
                JsonNode item = data.path("item");
                if ("function_call".equals(item.path("type").asText(""))) {
                    finishCall(out, item, data.path("output_index").asInt(-1));
                }
            }
            case "response.function_call_arguments.delta" -> {
                Integer index = callIndexByItem.get(data.path("item_id").asText(""));
                if (index == null) {
                    index = callIndexByOutput.get(data.path("output_index").asInt(-1));
                }
                String args = data.path("delta").asText("");
                if (index != null) {
                    arguments(out, index, args);
                }
            }
            case "response.completed", "response.incomplete" -> {
                JsonNode response = data.path("response");
                remember(response);
                recover(out, response);
                emit(out, WireJson.object(), ResponsesOutput.finishReason(response, toolCalls > 0));
                if (response.path("usage").isObject()) {
                    ObjectNode chunk = chunk();
                    chunk.putArray("choices");
                    chunk.set("usage", ResponsesOutput.usage(response.get("usage")));
                    out.emit(new SseEvent(null, WireJson.compact(chunk)));
                }
            }
            case "response.failed" -> {
                JsonNode error = data.path("response").path("error");
                error(out, error.isObject() ? (ObjectNode) error.deepCopy()
                        : WireJson.object().put("message", "response failed"));
            }
            case "error" -> {
                ObjectNode error = WireJson.object();
                error.put("type", "error");
                for (String key : new String[] {"code", "message", "param"}) {
                    if (data.has(key)) {
                        error.set(key, data.get(key));
                    }
                }
                if (data.path("error").isObject()) {
                    error.setAll((ObjectNode) data.get("error"));
                }
                error(out, error);
            }
            default -> { }
        }
    }

    private void text(EventSink out, JsonNode data, String text) {
        itemsWithText.add(textKey(data));
        if (!text.isEmpty()) {
            anyText = true;
            emit(out, delta().put("content", text), null);
        }
    }

    private static String textKey(JsonNode data) {
        return data.path("item_id").asText("") + ":" + data.path("content_index").asInt(0);
    }

    /** Index of the call named by the item's id, else by its output index; null when not started. */
    private Integer callIndex(JsonNode item, int outputIndex) {
        Integer index = callIndexByItem.get(item.path("id").asText(""));
        return index != null ? index : callIndexByOutput.get(outputIndex);
    }

    private void startCall(EventSink out, JsonNode item, int outputIndex) {
        int index = toolCalls++;
        if (item.hasNonNull("id")) {
            callIndexByItem.put(item.path("id").asText(), index);
        }
        if (outputIndex >= 0) {
            callIndexByOutput.put(outputIndex, index);
        }
        String args = item.path("arguments").asText("");
        if (!args.isEmpty()) {
            callsWithArguments.add(index);
        }
        ObjectNode delta = delta();
        ObjectNode call = delta.putArray("tool_calls").addObject();
        call.put("index", index);
        call.put("id", item.path("call_id").asText(item.path("id").asText(WireJson.toolCallId())));
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", item.path("name").asText(""));
        function.put("arguments", args);
        emit(out, delta, null);
    }

    private void arguments(EventSink out, int index, String args) {
        if (args.isEmpty()) {
            return;
        }
        callsWithArguments.add(index);
        ObjectNode delta = delta();
        ObjectNode call = delta.putArray("tool_calls").addObject();
        call.put("index", index);
        call.putObject("function").put("arguments", args);
        emit(out, delta, null);
    }

    /** A finished function_call item: started if it never was, its arguments sent if none were streamed. */
    private void finishCall(EventSink out, JsonNode item, int outputIndex) {
        Integer index = callIndex(item, outputIndex);
        if (index == null) {
            startCall(out, item, outputIndex);
        } else if (!callsWithArguments.contains(index)) {
            arguments(out, index, item.path("arguments").asText(""));
        }
    }

    /** From the final response: function calls never streamed, and its text when the stream carried none. */
    private void recover(EventSink out, JsonNode response) {
        JsonNode output = response.path("output");
        for (int i = 0; i < output.size(); i++) {
            JsonNode item = output.get(i);
            if ("function_call".equals(item.path("type").asText("")) && callIndex(item, i) == null) {
                startCall(out, item, i);
            }
        }
        if (!anyText) {
            StringBuilder text = new StringBuilder();
            for (JsonNode item : output) {
                if ("message".equals(item.path("type").asText(""))) {
                    for (JsonNode part : item.path("content")) {
                        if ("output_text".equals(part.path("type").asText(""))) {
                            text.append(part.path("text").asText(""));
                        }
                    }
                }
            }
            if (!text.isEmpty()) {
                anyText = true;
                emit(out, delta().put("content", text.toString()), null);
            }
        }
    }

    @Override
    public void atEnd(EventSink out) {
        out.emit(new SseEvent(null, "[DONE]"));
    }

    private void remember(JsonNode response) {
        id = response.path("id").asText(id);
        model = response.path("model").asText(model);
    }

    private static ObjectNode delta() {
        return WireJson.object().put("role", "assistant");
    }

    private void emit(EventSink out, ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunk();
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        out.emit(new SseEvent(null, WireJson.compact(chunk)));
    }

    private void error(EventSink out, ObjectNode error) {
        ObjectNode chunk = WireJson.object();
        chunk.set("error", error);
        out.emit(new SseEvent(null, WireJson.compact(chunk)));
    }

    private ObjectNode chunk() {
        ObjectNode chunk = WireJson.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
