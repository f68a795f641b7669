package dev.ccr.wire;

import dev.ccr.wire.sse.SseEvent;

/** Runs two converters in a row for {@link StreamConverter#andThen}: the first one's output is the second one's input. */
record ComposedConverter(StreamConverter first, StreamConverter next) implements StreamConverter {

    @Override
    public void atStart(EventSink out) {
        next.atStart(out);
        first.atStart(into(out));
    }

    @Override
    public void accept(EventSink out, SseEvent event) {
        first.accept(into(out), event);
    }

    @Override
    public void atEnd(EventSink out) {
        first.atEnd(into(out));
        next.atEnd(out);
    }

    private EventSink into(EventSink out) {
        return event -> next.accept(out, event);
    }
}
