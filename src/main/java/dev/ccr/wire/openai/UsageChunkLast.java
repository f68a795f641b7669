package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.sse.SseEvent;

/**
 * Puts a chat stream's usage where OpenAI's API does for {@code stream_options.include_usage}: in a chunk of its own
 * with {@code "choices":[]}, just before {@code [DONE]}. ccr's converters report usage on the chunk that carries the
 * {@code finish_reason}; the OpenAI SDKs' accumulators take any chunk with usage for the last one.
 *
 * <p>A chunk with usage loses it and goes on; the last usage seen is sent before {@code [DONE]}, or at the end of a
 * stream without one. Every other event passes unchanged. Not thread-safe; one instance per stream.
 */
public final class UsageChunkLast implements StreamConverter {
    private ObjectNode usageChunk;

    @Override
    public void accept(EventSink out, SseEvent event) {
        if (event.data().trim().equals("[DONE]")) {
            flushUsage(out);
            out.emit(event);
            return;
        }
        ObjectNode chunk = WireJson.parseObjectOrNull(event.data());
        if (chunk == null || !chunk.path("usage").isObject() || chunk.has("error")) {
            out.emit(event);
            return;
        }
        usageChunk = chunk.deepCopy();
        usageChunk.putArray("choices");
        chunk.remove("usage");
        if (!chunk.path("choices").isEmpty()) {
            out.emit(new SseEvent(event.event(), WireJson.compact(chunk)));
        }
    }

    @Override
    public void atEnd(EventSink out) {
        flushUsage(out);
    }

    private void flushUsage(EventSink out) {
        if (usageChunk != null) {
            out.emit(new SseEvent(null, WireJson.compact(usageChunk)));
            usageChunk = null;
        }
    }
}
