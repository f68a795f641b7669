package dev.ccr.wire;

import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseParser;

/**
 * An SSE body converted as it arrives: each read's bytes are parsed into the events they complete, and each event goes
 * through the converter to a sink. The one place where parsing meets a {@link StreamConverter}; whoever reads the
 * network decides when to flush.
 */
public final class SseConversion {
    private final SseParser parser = new SseParser();
    private final StreamConverter converter;
    private boolean started;

    public SseConversion(StreamConverter converter) {
        this.converter = converter;
    }

    /** Converts the events that {@code bytes[0..n)} completes; the first call also runs the converter's start. */
    public void feed(byte[] bytes, int n, EventSink out) {
        start(out);
        for (SseEvent event : parser.feed(bytes, 0, n)) {
            converter.accept(out, event);
        }
    }

    /** The body ended normally: a last event without its blank line is converted, then the converter's end. */
    public void finish(EventSink out) {
        start(out);
        parser.finish().forEach(event -> converter.accept(out, event));
        converter.atEnd(out);
    }

    private void start(EventSink out) {
        if (!started) {
            started = true;
            converter.atStart(out);
        }
    }
}
