package dev.ccr.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A JSON object parsed from bytes, remembering where each of its top-level arrays and objects lies in them, so that a
 * writer can copy the ones nobody changed instead of writing them again from the tree. A request passed through to an
 * Anthropic-dialect provider changes only at its top level; its conversation and tools, nearly all of its bytes, go
 * out as the client sent them (writing them again was a fifth of such a request's CPU; docs/benchmarks.md).
 *
 * <p>A value is known by identity: a node replaced or copied is written from the tree. One changed in place must be
 * {@linkplain #forget forgotten} first. Not thread-safe; one per request.
 */
public final class SourceBytes {
    /** Bytes that remember nothing: every value is written from its tree. */
    public static final SourceBytes NONE = new SourceBytes(new byte[0], null);

    private final byte[] bytes;
    private final ObjectNode tree;
    private JsonNode[] nodes = new JsonNode[8];
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int size;

    private SourceBytes(byte[] bytes, ObjectNode tree) {
        this.bytes = bytes;
        this.tree = tree;
    }

    /**
     * Parses {@code bytes} as {@link WireJson#MAPPER} would; null when they hold JSON that is not an object.
     *
     * @throws IOException when they are not JSON
     */
    public static SourceBytes parseObject(byte[] bytes) throws IOException {
        try (JsonParser parser = WireJson.MAPPER.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    WireJson.MAPPER.readTree(parser);
                }
                return null;
            }
            SourceBytes source = new SourceBytes(bytes, WireJson.object());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                long start = parser.currentTokenLocation().getByteOffset();
                JsonNode value = WireJson.MAPPER.readTree(parser);
                source.tree.set(name, value);
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // The parser stands on the closing bracket; its location is just past it.
                    source.remember(value, (int) start, (int) parser.currentLocation().getByteOffset());
                }
            }
            return source;
        }
    }

    /** The object parsed. */
    public ObjectNode tree() {
        return tree;
    }

    /** Stops copying {@code node}'s bytes: it was changed in place. */
    public void forget(JsonNode node) {
        int i = indexOf(node);
        if (i >= 0) {
            nodes[i] = null;
        }
    }

    /** The bytes {@code node} was parsed from, or null when they are not known. */
    public ByteSpan span(JsonNode node) {
        int i = indexOf(node);
        return i < 0 ? null : new ByteSpan(bytes, starts[i], ends[i]);
    }

    /** Writes {@code node}'s bytes as they came and returns true, or returns false when they are not known. */
    boolean copy(JsonNode node, ByteArrayOutputStream out) {
        int i = indexOf(node);
        if (i >= 0) {
            out.write(bytes, starts[i], ends[i] - starts[i]);
        }
        return i >= 0;
    }

    private int indexOf(JsonNode node) {
        for (int i = 0; i < size; i++) {
            if (nodes[i] == node && node != null) {
                return i;
            }
        }
        return -1;
    }

    private void remember(JsonNode node, int start, int end) {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        nodes[size] = node;
        starts[size] = start;
        ends[size] = end;
        size++;
    }
}
