package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.sse.SseEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts a stream of OpenAI {@code chat.completion.chunk}s into the pieces of Gemini's
 * {@code streamGenerateContent?alt=sse}: one {@code data:} event per {@code GenerateContentResponse}, for Gemini CLI
 * and the Gen AI SDKs. The reverse of {@link GeminiToChatStream}.
 *
 * <ul>
 *   <li>{@code content} → a piece with a text part; {@code reasoning_content} → a piece with a {@code thought:true}
 *       text part; both as soon as they arrive.</li>
 *   <li>Tool calls are collected by their chunk {@code index}, since Gemini sends a {@code functionCall} whole, and
 *       sent in the last piece; a signed thinking block rides on the first as its {@code thoughtSignature}
 *       ({@link ChatToGeminiResponse#signFirstCall}).</li>
 *   <li>{@code [DONE]} or the end of the stream → the last piece: the collected calls, the {@code finishReason} and
 *       {@code usageMetadata} (the usage the stream reported, wherever it came).</li>
 *   <li>An {@code {"error": …}} chunk → {@code {"error":{"code","message","status"}}} ({@link GeminiError}); nothing
 *       follows.</li>
 * </ul>
 * Not thread-safe; one instance per stream.
 */
public final class ChatToGeminiStream implements StreamConverter {
    private String id = "";
    private String model = "";
    private String finishReason = "stop";
    private JsonNode usage = WireJson.NODES.missingNode();
    private final Map<Integer, Call> calls = new LinkedHashMap<>();
    private boolean ended;
    private final StringBuilder thinking = new StringBuilder();
    private String signature = "";

    private static final class Call {
        String id = "";
        String name = "";
        final StringBuilder arguments = new StringBuilder();
    }

    @Override
    public void accept(EventSink out, SseEvent event) {
        if (ended) {
            return;
        }
        if (event.data().trim().equals("[DONE]")) {
            end(out);
            return;
        }
        ObjectNode chunk = WireJson.parseObjectOrNull(event.data());
        if (chunk == null) {
            return;
        }
        if (chunk.has("error")) {
            JsonNode error = chunk.get("error");
            out.emit(new SseEvent(null, WireJson.compact(new GeminiError(
                    GeminiError.codeOfAnthropicType(error.path("type").asText("")),
                    error.path("message").asText(WireJson.compact(error))).toJson())));
            ended = true;
            return;
        }
        id = chunk.path("id").asText(id);
        model = chunk.path("model").asText(model);
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String reasoning = delta.path("reasoning_content").asText(delta.path("reasoning").asText(""));
        if (!reasoning.isEmpty()) {
            thinking.append(reasoning);
            piece(out, WireJson.object().put("text", reasoning).put("thought", true));
        }
        signature = delta.path("thinking").path("signature").asText(signature);
        String content = delta.path("content").asText("");
        if (!content.isEmpty()) {
            piece(out, WireJson.object().put("text", content));
        }
        for (JsonNode entry : delta.path("tool_calls")) {
            Call call = calls.computeIfAbsent(entry.path("index").asInt(calls.size()), i -> new Call());
            call.id = entry.path("id").asText(call.id);
            call.name = entry.path("function").path("name").asText(call.name);
            call.arguments.append(entry.path("function").path("arguments").asText(""));
        }
        if (!choice.path("finish_reason").asText("").isEmpty()) {
            finishReason = choice.get("finish_reason").asText();
        }
    }

    @Override
    public void atEnd(EventSink out) {
        if (!ended) {
            end(out);
        }
    }

    private void piece(EventSink out, ObjectNode part) {
        ArrayNode parts = WireJson.NODES.arrayNode().add(part);
        out.emit(new SseEvent(null, WireJson.compact(GeminiChunks.response(id, model, parts, null, WireJson.NODES.missingNode()))));
    }

    private void end(EventSink out) {
        ArrayNode parts = WireJson.NODES.arrayNode();
        calls.values().forEach(c -> parts.add(ChatToGeminiResponse.functionCall(c.id, c.name, c.arguments.toString())));
        ChatToGeminiResponse.signFirstCall(parts, thinking.toString(), signature);
        out.emit(new SseEvent(null, WireJson.compact(GeminiChunks.response(id, model, parts, finishReason, usage))));
        ended = true;
    }
}
