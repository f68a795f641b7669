package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.sse.SseEvent;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code enhancetool} (docs/ccr-checklist.md item 61): tool-call arguments arrive repaired. A stream's argument
 * fragments are held per tool and sent once, in one chunk per tool, when the next tool starts, at the finish reason or
 * at the end; a JSON answer's {@code arguments} are repaired in place. Repair: valid JSON as is, else a lenient read
 * (single quotes, unquoted keys, trailing commas, comments) re-written as JSON, else {@code "{}"}
 * ({@link ToolArguments#repair}). Tool arguments therefore no longer stream.
 */
final class EnhanceToolTransformer implements Transformer {
    @Override
    public String name() {
        return "enhancetool";
    }

    @Override
    public ProviderResponse transform(Chain chain) throws IOException {
        return chain.proceed(chain.request()).mapEvents(RepairingStream::new).mapJson(EnhanceToolTransformer::repairJson);
    }

    static ObjectNode repairJson(ObjectNode answer) {
        for (JsonNode choice : answer.path("choices")) {
            for (JsonNode call : choice.path("message").path("tool_calls")) {
                if (call.path("function") instanceof ObjectNode function && function.has("arguments")) {
                    function.put("arguments", ToolArguments.repair(function.get("arguments").asText("")));
                }
            }
        }
        return answer;
    }

    private static final class Pending {
        final int choice;
        final int index;
        String id;
        String type;
        String name;
        final StringBuilder arguments = new StringBuilder();

        Pending(int choice, int index) {
            this.choice = choice;
            this.index = index;
        }
    }

    /** One stream: buffers each tool call's fragments and emits it whole, repaired. */
    static final class RepairingStream implements StreamConverter {
        private final Map<Integer, Pending> pending = new LinkedHashMap<>();
        private ObjectNode template;
        private String eventName;

        @Override
        public void accept(EventSink out, SseEvent event) {
            JsonNode parsed = event.data().startsWith("{") ? ToolArguments.parseStrict(event.data()).orElse(null) : null;
            if (!(parsed instanceof ObjectNode chunk)) {
                flush(out);
                out.emit(event);
                return;
            }
            if (template == null) {
                template = chunk.deepCopy();
                template.remove(java.util.List.of("choices", "usage"));
                eventName = event.event();
            }
            if (!(chunk.path("choices").path(0) instanceof ObjectNode choice)) {
                if (chunk.has("usage")) {
                    flush(out);
                }
                out.emit(event);
                return;
            }
            boolean changed = false;
            if (choice.get("delta") instanceof ObjectNode delta && delta.get("tool_calls") instanceof ArrayNode calls) {
                for (Iterator<JsonNode> it = calls.iterator(); it.hasNext(); ) {
                    JsonNode call = it.next();
                    int index = call.path("index").asInt(0);
                    if (!pending.containsKey(index)) {
                        flush(out); // the previous tool is complete once the next one starts
                        pending.put(index, new Pending(choice.path("index").asInt(0), index));
                    }
                    Pending tool = pending.get(index);
                    if (call.path("id").isTextual()) {
                        tool.id = call.get("id").asText();
                    }
                    if (call.path("type").isTextual()) {
                        tool.type = call.get("type").asText();
                    }
                    JsonNode function = call.path("function");
                    if (function.path("name").isTextual() && !function.get("name").asText().isEmpty()) {
                        tool.name = tool.name == null ? function.get("name").asText() : tool.name;
                    }
                    tool.arguments.append(function.path("arguments").asText(""));
                    it.remove();
                }
                delta.remove("tool_calls");
                changed = true;
            }
            if (choice.path("finish_reason").isTextual()) {
                flush(out);
            }
            if (!changed) {
                out.emit(event);
            } else if (!choice.path("delta").isEmpty() || choice.path("finish_reason").isTextual()
                    || chunk.path("usage").isObject()) {
                out.emit(new SseEvent(event.event(), chunk.toString()));
            }
        }

        @Override
        public void atEnd(EventSink out) {
            flush(out);
        }

        private void flush(EventSink out) {
            for (Pending tool : pending.values()) {
                ObjectNode chunk = template == null ? ToolArguments.STRICT.createObjectNode() : template.deepCopy();
                ObjectNode choice = chunk.putArray("choices").addObject().put("index", tool.choice);
                ObjectNode call = choice.putObject("delta").put("role", "assistant").putArray("tool_calls").addObject()
                        .put("index", tool.index);
                if (tool.id != null) {
                    call.put("id", tool.id);
                }
                call.put("type", tool.type == null ? "function" : tool.type);
                ObjectNode function = call.putObject("function");
                if (tool.name != null) {
                    function.put("name", tool.name);
                }
                function.put("arguments", ToolArguments.repair(tool.arguments.toString()));
                choice.putNull("finish_reason");
                out.emit(new SseEvent(eventName, chunk.toString()));
            }
            pending.clear();
        }
    }
}
