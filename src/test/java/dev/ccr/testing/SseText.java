package dev.ccr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole SSE body a client received, with ccr's own parser. */
public final class SseText {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A named event and its data parsed as JSON. */
    public record Event(String name, JsonNode data) {
    }

    private SseText() {
    }

    public static List<SseEvent> events(String body) {
        SseParser parser = new SseParser();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> events = new ArrayList<>(parser.feed(bytes, 0, bytes.length));
        events.addAll(parser.finish());
        return events;
    }

    /** The named events, with their data parsed. */
    public static List<Event> jsonEvents(String body) {
        List<Event> out = new ArrayList<>();
        for (SseEvent event : events(body)) {
            if (event.event() != null) {
                try {
                    out.add(new Event(event.event(), JSON.readTree(event.data())));
                } catch (IOException e) {
                    throw new UncheckedIOException("event " + event.event() + " has no JSON data", e);
                }
            }
        }
        return out;
    }
}
