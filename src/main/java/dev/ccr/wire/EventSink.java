package dev.ccr.wire;

import dev.ccr.wire.sse.SseEvent;

/** Receives the client events a {@link StreamConverter} produces, in order, as soon as they exist. */
@FunctionalInterface
public interface EventSink {

    /** Takes one event; the caller writes it with {@link dev.ccr.wire.sse.SseWriter} or hands it to the next converter. */
    void emit(SseEvent event);
}
