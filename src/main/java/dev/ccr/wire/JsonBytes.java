package dev.ccr.wire;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * A tree written as JSON into one array sized from a guess, read back as that array and a length. Jackson's
 * {@code writeValueAsBytes} grows a chain of blocks and then copies them into an exact array: for a 300 KB request,
 * 480 KB allocated per call. A request body is about as long as the client's own, so that is the guess.
 */
public final class JsonBytes extends ByteArrayOutputStream {
    /** Room for {@code expectedLength} bytes and some to spare. */
    private JsonBytes(int expectedLength) {
        super(expectedLength + expectedLength / 8 + 256);
    }

    /** {@code tree} as compact JSON, in an array with room for {@code expectedLength} bytes and some to spare. */
    public static JsonBytes of(JsonNode tree, int expectedLength) {
        JsonBytes out = new JsonBytes(expectedLength);
        try {
            WireJson.MAPPER.writeValue(out, tree);
        } catch (IOException e) {
            throw new WireException("cannot write JSON: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * {@code object} as JSON, its top-level values that {@code source} knows copied as they came (their spacing and
     * escapes kept), the others written compact.
     */
    public static JsonBytes of(ObjectNode object, SourceBytes source, int expectedLength) {
        JsonBytes out = new JsonBytes(expectedLength);
        try {
            out.write('{');
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (out.count > 1) {
                    out.write(',');
                }
                out.write('"');
                out.write(JsonStringEncoder.getInstance().quoteAsUTF8(field.getKey()));
                out.write('"');
                out.write(':');
                if (!source.copy(field.getValue(), out)) {
                    WireJson.MAPPER.writeValue(out, field.getValue());
                }
            }
            out.write('}');
        } catch (IOException e) {
            throw new WireException("cannot write JSON: " + e.getMessage(), e);
        }
        return out;
    }

    /** The array the JSON is in; its first {@link #length()} bytes. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return count;
    }
}
