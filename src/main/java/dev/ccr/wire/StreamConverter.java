package dev.ccr.wire;

import static java.util.Objects.requireNonNull;

import dev.ccr.wire.sse.SseEvent;

/**
 * Converts one response stream event by event, from the provider's dialect towards the client's (style rule 4).
 *
 * <p>Life of a stream: {@link #atStart} once, {@link #accept} once per upstream event in arrival order, then
 * {@link #atEnd} once if the upstream ended normally. A converter emits every event as soon as it can: it never
 * holds output back beyond the event being converted, so the caller may flush after each upstream read. An instance
 * holds the state of one stream; create a fresh one per stream (for example from a {@code Supplier}).
 *
 * <p>If the upstream breaks, the caller does not call {@code atEnd}; it writes its own {@code error} event instead.
 */
public interface StreamConverter {

    /** Called once before the first upstream event; may emit events that must precede everything else. Most emit none. */
    default void atStart(EventSink out) {
    }

    /** Converts one upstream event, emitting zero or more client events. */
    void accept(EventSink out, SseEvent event);

    /** Called once when the upstream ended normally: closes open blocks and emits the final events. */
    void atEnd(EventSink out);

    /**
     * Returns a converter that feeds everything this one emits into {@code next}, whose output reaches the caller's sink.
     *
     * <p>{@code next} starts before this converter and ends after it, so it sees this converter's opening and closing
     * events like any other.
     */
    default StreamConverter andThen(StreamConverter next) {
        return new ComposedConverter(this, requireNonNull(next, "next"));
    }
}
