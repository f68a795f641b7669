package dev.ccr.wire.sse;

import static java.util.Objects.requireNonNull;

/**
 * One server-sent event.
 *
 * @param event the event name, or null when the event had no {@code event:} line
 * @param data the data lines joined by {@code "\n"}
 */
public record SseEvent(String event, String data) {

    public SseEvent {
        requireNonNull(data, "data");
        // A line break in the name would split the frame and let the data forge events.
        if (event != null && (event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("event name must be one line: " + event);
        }
    }
}
