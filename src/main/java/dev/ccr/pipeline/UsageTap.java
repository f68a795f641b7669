package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.usage.Usage;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads the usage out of an Anthropic answer that is being relayed unchanged: it sees a copy of the bytes and never
 * alters what the client receives. Streams report usage in {@code message_start} and {@code message_delta}.
 */
final class UsageTap {
    private static final ObjectMapper JSON = WireJson.MAPPER;

    private final boolean eventStream;
    private final SseParser parser;
    private final ByteArrayOutputStream json;
    private Usage usage = Usage.NONE;

    UsageTap(boolean eventStream) {
        this.eventStream = eventStream;
        this.parser = eventStream ? new SseParser() : null;
        this.json = eventStream ? null : new ByteArrayOutputStream();
    }

    void feed(byte[] buf, int off, int len) {
        if (eventStream) {
            parser.feed(buf, off, len).forEach(this::event);
        } else {
            json.write(buf, off, len);
        }
    }

    Usage usage() {
        if (!eventStream) {
            try {
                usage = Usage.fromAnthropic(JSON.readTree(json.toByteArray()).path("usage"));
            } catch (IOException e) {
                return usage; // not JSON: nothing to count
            }
        }
        return usage;
    }

    /** Learns from one Anthropic event (for answers ccr converts itself). */
    void event(SseEvent event) {
        String type = event.event();
        if (!"message_start".equals(type) && !"message_delta".equals(type)) {
            return;
        }
        try {
            JsonNode data = JSON.readTree(event.data());
            JsonNode reported = type.equals("message_start") ? data.path("message").path("usage") : data.path("usage");
            if (!reported.isMissingNode()) {
                usage = usage.merge(Usage.fromAnthropic(reported));
            }
        } catch (IOException e) {
            // a malformed event is the client's to see; the tap just learns nothing from it
        }
    }
}
