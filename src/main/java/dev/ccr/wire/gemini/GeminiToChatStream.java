package dev.ccr.wire.gemini;

import dev.ccr.wire.WireJson;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.sse.SseEvent;

import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * Converts Gemini's {@code streamGenerateContent?alt=sse} stream into OpenAI {@code chat.completion.chunk} events.
 *
 * <p>One chunk per Gemini event that has a candidate, emitted as the event is converted: its text parts →
 * {@code delta.content}, {@code thought:true} parts → {@code delta.reasoning_content} (or, when the event carries a
 * {@code thoughtSignature}, CCR's {@code delta.thinking {content, signature}}, which closes the thinking block with
 * that signature), {@code functionCall} parts → complete {@code delta.tool_calls} entries numbered across the stream,
 * {@code finishReason} → {@code finish_reason} ({@code tool_calls} once the stream called a function). Gemini repeats
 * cumulative {@code usageMetadata} on its events; the latest one goes out as a final {@code {choices:[], usage}} chunk
 * at the end, followed by {@code [DONE]}. An event with an {@code error} object and no candidates passes unchanged;
 * other events without a candidate, and non-JSON data, are dropped. Not thread-safe; one instance per stream.
 */
public final class GeminiToChatStream implements StreamConverter {
    private final Supplier<String> ids;
    private final long created;
    private String id = "chatcmpl-gemini";
    private String model = "";
    private int toolCalls;
    private JsonNode usage;

    public GeminiToChatStream() {
        this(WireJson::toolCallId);
    }

    /** With tool call ids for unnamed calls from {@code ids}. */
    public GeminiToChatStream(Supplier<String> ids) {
        this(ids, InstantSource.system());
    }

    /** With tool call ids from {@code ids}, and the chunks' {@code created} time from {@code time}. */
    public GeminiToChatStream(Supplier<String> ids, InstantSource time) {
        this.ids = requireNonNull(ids, "ids");
        this.created = time.instant().getEpochSecond();
    }

    @Override
    public void accept(EventSink out, SseEvent event) {
        ObjectNode gemini = WireJson.parseObjectOrNull(event.data());
        if (gemini == null) {
            return;
        }
        if (gemini.has("error") && !gemini.has("candidates")) {
            out.emit(new SseEvent(null, event.data()));
            return;
        }
        if (gemini.path("usageMetadata").isObject()) {
            usage = gemini.get("usageMetadata");
        }
        id = gemini.path("responseId").asText(id);
        model = gemini.path("modelVersion").asText(model);
        JsonNode candidate = gemini.path("candidates").path(0);
        if (!candidate.isObject()) {
            return;
        }
        GeminiParts parts = GeminiParts.of(candidate, toolCalls, ids);
        toolCalls += parts.toolCalls().size();

        ObjectNode chunk = chunk();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        delta.put("role", "assistant");
        if (parts.signature() != null) {
            ObjectNode thinking = delta.putObject("thinking");
            thinking.put("content", parts.thoughts());
            thinking.put("signature", parts.signature());
        } else if (!parts.thoughts().isEmpty()) {
            delta.put("reasoning_content", parts.thoughts());
        }
        if (!parts.text().isEmpty()) {
            delta.put("content", parts.text());
        }
        if (!parts.toolCalls().isEmpty()) {
            delta.set("tool_calls", parts.toolCalls());
        }
        String finish = GeminiParts.finishReason(candidate.path("finishReason").asText(""), toolCalls > 0);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        out.emit(new SseEvent(null, WireJson.compact(chunk)));
    }

    @Override
    public void atEnd(EventSink out) {
        if (usage != null) {
            ObjectNode chunk = chunk();
            chunk.putArray("choices");
            chunk.set("usage", GeminiParts.usage(usage));
            out.emit(new SseEvent(null, WireJson.compact(chunk)));
        }
        out.emit(new SseEvent(null, "[DONE]"));
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
