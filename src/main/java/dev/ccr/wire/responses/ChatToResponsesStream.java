package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.ThinkingToken;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.sse.SseEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * Converts a stream of OpenAI {@code chat.completion.chunk}s into the Responses API's event stream, for clients of
 * {@code POST /v1/responses} (Codex, the OpenAI SDKs): the reverse of {@link ResponsesToChatStream}.
 *
 * <ul>
 *   <li>The first chunk → {@code response.created} and {@code response.in_progress}.</li>
 *   <li>{@code reasoning_content} → a {@code reasoning} item whose summary grows by
 *       {@code response.reasoning_summary_text.delta}, with CCR's {@code delta.thinking.signature} packed into its
 *       {@code encrypted_content} when it is done ({@link ThinkingToken}); {@code content} → a {@code message} item with one
 *       {@code output_text} part growing by {@code response.output_text.delta}; each tool call (by its chunk
 *       {@code index}) → a {@code function_call} item growing by {@code response.function_call_arguments.delta}.
 *       Only one item is open at a time: a new kind of output closes the open one with its {@code .done} events and
 *       {@code response.output_item.done}.</li>
 *   <li>{@code finish_reason} and {@code usage} are kept; {@code [DONE]} (or the end of the stream) closes the open item
 *       and sends {@code response.completed}, or {@code response.incomplete} when the output hit its limit.</li>
 *   <li>An {@code {"error": …}} chunk → {@code response.failed} with the error's code and message; nothing follows.</li>
 * </ul>
 * Every event carries its {@code type} (also its SSE event name) and a {@code sequence_number} from 0.
 * Not thread-safe; one instance per stream.
 */
public final class ChatToResponsesStream implements StreamConverter {
    private final long createdAt;
    private long sequence;
    private ObjectNode response;
    private ArrayNode output;
    private Open open;
    private final Map<Integer, Open> toolCalls = new HashMap<>();
    private String finishReason = "stop";
    private JsonNode usage = WireJson.object();
    private boolean ended;

    /** @param createdAt the answer's time in epoch seconds (the wire package has no clock) */
    public ChatToResponsesStream(long createdAt) {
        this.createdAt = createdAt;
    }

    /** The output item being streamed: its kind, its place in {@code output} and what it has accumulated. */
    private static final class Open {
        final String kind;
        final ObjectNode item;
        final int index;
        final StringBuilder text = new StringBuilder();
        String signature = "";

        Open(String kind, ObjectNode item, int index) {
            this.kind = kind;
            this.item = item;
            this.index = index;
        }
    }

    @Override
    public void accept(EventSink out, SseEvent event) {
        if (ended) {
            return;
        }
        if (event.data().trim().equals("[DONE]")) {
            complete(out);
            return;
        }
        ObjectNode chunk = WireJson.parseObjectOrNull(event.data());
        if (chunk == null) {
            return;
        }
        started(out, chunk);
        if (chunk.has("error")) {
            fail(out, chunk.get("error"));
            return;
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String reasoning = delta.path("reasoning_content").asText(delta.path("reasoning").asText(""));
        if (!reasoning.isEmpty()) {
            reasoning(out, reasoning);
        }
        String signature = delta.path("thinking").path("signature").asText("");
        if (!signature.isEmpty() && open != null && open.kind.equals("reasoning")) {
            open.signature = signature;
        }
        String content = delta.path("content").asText("");
        if (!content.isEmpty()) {
            text(out, content);
        }
        for (JsonNode call : delta.path("tool_calls")) {
            toolCall(out, call);
        }
        if (!choice.path("finish_reason").asText("").isEmpty()) {
            finishReason = choice.get("finish_reason").asText();
        }
    }

    @Override
    public void atEnd(EventSink out) {
        if (!ended) {
            started(out, WireJson.object());
            complete(out);
        }
    }

    /* --------------- Items --------------- */

    private void reasoning(EventSink out, String text) {
        if (open == null || !open.kind.equals("reasoning")) {
            Open item = openItem(out, "reasoning", ResponseObjects.reasoning(ResponseObjects.id("rs_"), null));
            emit(out, "response.reasoning_summary_part.added", at(item).put("summary_index", 0)
                    .set("part", ResponseObjects.summaryText("")));
        }
        open.text.append(text);
        emit(out, "response.reasoning_summary_text.delta", at(open).put("summary_index", 0).put("delta", text));
    }

    private void text(EventSink out, String text) {
        if (open == null || !open.kind.equals("message")) {
            Open item = openItem(out, "message", ResponseObjects.message(ResponseObjects.id("msg_"), "in_progress", null));
            emit(out, "response.content_part.added", at(item).put("content_index", 0)
                    .set("part", ResponseObjects.outputText("")));
        }
        open.text.append(text);
        emit(out, "response.output_text.delta", at(open).put("content_index", 0).put("delta", text));
    }

    private void toolCall(EventSink out, JsonNode call) {
        int index = call.path("index").asInt(toolCalls.size());
        Open item = toolCalls.get(index);
        if (item == null) {
            item = openItem(out, "function_call", ResponseObjects.functionCall(ResponseObjects.id("fc_"),
                    call.path("id").asText(WireJson.toolCallId()), call.path("function").path("name").asText(""),
                    "", "in_progress"));
            toolCalls.put(index, item);
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (arguments.isEmpty()) {
            return;
        }
        item.text.append(arguments);
        if (item == open) {
            emit(out, "response.function_call_arguments.delta", at(item).put("delta", arguments));
        } else {
            // A fragment of a call already closed (a provider interleaving two calls): it joins the call's
            // arguments in response.completed; its .done events have gone, so no delta follows them.
            item.item.put("arguments", item.text.toString());
        }
    }

    private Open openItem(EventSink out, String kind, ObjectNode item) {
        closeOpen(out);
        open = new Open(kind, item, output.size());
        output.add(item);
        emit(out, "response.output_item.added", event().put("output_index", open.index).set("item", item.deepCopy()));
        return open;
    }

    /** Sends the open item's {@code .done} events with its whole text, then {@code response.output_item.done}. */
    private void closeOpen(EventSink out) {
        if (open == null) {
            return;
        }
        String text = open.text.toString();
        switch (open.kind) {
            case "reasoning" -> {
                emit(out, "response.reasoning_summary_text.done", at(open).put("summary_index", 0).put("text", text));
                emit(out, "response.reasoning_summary_part.done", at(open).put("summary_index", 0)
                        .set("part", ResponseObjects.summaryText(text)));
                ((ArrayNode) open.item.get("summary")).add(ResponseObjects.summaryText(text));
                if (!open.signature.isEmpty()) {
                    open.item.put("encrypted_content", ThinkingToken.encode(text, open.signature));
                }
            }
            case "message" -> {
                emit(out, "response.output_text.done", at(open).put("content_index", 0).put("text", text));
                emit(out, "response.content_part.done", at(open).put("content_index", 0)
                        .set("part", ResponseObjects.outputText(text)));
                ((ArrayNode) open.item.get("content")).add(ResponseObjects.outputText(text));
                open.item.put("status", "completed");
            }
            default -> {
                emit(out, "response.function_call_arguments.done", at(open).put("arguments", text));
                open.item.put("arguments", text).put("status", "completed");
            }
        }
        emit(out, "response.output_item.done", event().put("output_index", open.index).set("item", open.item.deepCopy()));
        open = null;
    }

    /* --------------- The response --------------- */

    private void started(EventSink out, ObjectNode chunk) {
        if (response != null) {
            return;
        }
        String id = chunk.path("id").asText("");
        response = ResponseObjects.response(id.startsWith("resp_") ? id : ResponseObjects.id("resp_"),
                chunk.path("model").asText(""), createdAt, "in_progress");
        output = (ArrayNode) response.get("output");
        emit(out, "response.created", event().set("response", response.deepCopy()));
        emit(out, "response.in_progress", event().set("response", response.deepCopy()));
    }

    private void complete(EventSink out) {
        closeOpen(out);
        ResponseObjects.finish(response, finishReason, usage);
        String type = response.path("status").asText().equals("completed") ? "response.completed" : "response.incomplete";
        emit(out, type, event().set("response", response));
        ended = true;
    }

    private void fail(EventSink out, JsonNode error) {
        response.put("status", "failed");
        response.putObject("error").put("code", error.path("code").asText(error.path("type").asText("server_error")))
                .put("message", error.path("message").asText(WireJson.compact(error)));
        emit(out, "response.failed", event().set("response", response));
        ended = true;
    }

    private ObjectNode at(Open item) {
        return event().put("item_id", item.item.path("id").asText()).put("output_index", item.index);
    }

    private static ObjectNode event() {
        return WireJson.object();
    }

    private void emit(EventSink out, String type, ObjectNode data) {
        ObjectNode body = WireJson.object().put("type", type).put("sequence_number", sequence++);
        body.setAll(data);
        out.emit(new SseEvent(type, WireJson.compact(body)));
    }
}
