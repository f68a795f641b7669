package dev.ccr.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.sse.SseEvent;
import dev.ccr.wire.sse.SseParser;
import dev.ccr.wire.sse.SseWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads JSON and SSE written in tests, runs stream converters over bytes, and compares results as JSON. */
public final class WireTestKit {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WireTestKit() {}

    /* --------------- JSON --------------- */

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON in test: " + text, e);
        }
    }

    public static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    /** Asserts JSON equality regardless of key order and of int/long node types. */
    public static void assertJson(JsonNode actual, String expected) {
        assertThat(normalized(actual)).isEqualTo(json(expected));
    }

    private static JsonNode normalized(JsonNode node) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /* --------------- SSE --------------- */

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses complete SSE text into events. */
    public static List<SseEvent> events(String sse) {
        SseParser parser = new SseParser();
        byte[] b = bytes(sse);
        List<SseEvent> out = new ArrayList<>(parser.feed(b, 0, b.length));
        out.addAll(parser.finish());
        return out;
    }

    /**
     * Asserts that {@code actual} has the events written in {@code expectedSse}, in order: same names, and data
     * equal as JSON (or as text when it is not JSON).
     */
    public static void assertEvents(List<SseEvent> actual, String expectedSse) {
        List<SseEvent> expected = events(expectedSse);
        assertThat(render(actual)).isEqualTo(render(expected));
    }

    /** One line per event, {@code name data} with the data re-serialized compactly, for readable diffs. */
    public static String render(List<SseEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (SseEvent e : events) {
            String data;
            try {
                data = MAPPER.writeValueAsString(MAPPER.readTree(e.data()));
            } catch (JsonProcessingException notJson) {
                data = e.data();
            }
            sb.append(e.event()).append(' ').append(data).append('\n');
        }
        return sb.toString();
    }

    /** The exact bytes a client receives for these events. */
    public static byte[] wire(List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SseEvent e : events) {
            out.writeBytes(SseWriter.encode(e));
        }
        return out.toByteArray();
    }

    /* --------------- Running a stream converter --------------- */

    /** Feeds upstream bytes to a fresh converter in reads ending at the given cut positions, as the pipeline does. */
    public static List<SseEvent> run(Supplier<StreamConverter> converters, byte[] upstream, int... cuts) {
        StreamConverter converter = converters.get();
        SseParser parser = new SseParser();
        List<SseEvent> out = new ArrayList<>();
        EventSink sink = out::add;
        converter.atStart(sink);
        int from = 0;
        for (int cut : cuts) {
            for (SseEvent e : parser.feed(upstream, from, cut - from)) {
                converter.accept(sink, e);
            }
            from = cut;
        }
        for (SseEvent e : parser.feed(upstream, from, upstream.length - from)) {
            converter.accept(sink, e);
        }
        for (SseEvent e : parser.finish()) {
            converter.accept(sink, e);
        }
        converter.atEnd(sink);
        return out;
    }

    public static List<SseEvent> run(Supplier<StreamConverter> converters, String upstreamSse) {
        return run(converters, bytes(upstreamSse));
    }

    public static byte[] resource(String path) {
        try (InputStream in = WireTestKit.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
