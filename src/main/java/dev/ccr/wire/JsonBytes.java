package dev.ccr.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A tree written as JSON into one array sized from a guess, read back as that array and a length. Jackson's
 * {@code writeValueAsBytes} grows a chain of blocks and then copies them into an exact array: for a 300 KB request,
 * 480 KB allocated per call. A request body is about as long as the client's own, so that is the guess.
 */
public final class JsonBytes extends ByteArrayOutputStream {
    private JsonBytes(int capacity) {
        super(capacity);
    }

    /** {@code tree} as compact JSON, in an array with room for {@code expectedLength} bytes and some to spare. */
    public static JsonBytes of(JsonNode tree, int expectedLength) {
        JsonBytes out = new JsonBytes(expectedLength + expectedLength / 8 + 256);
        try {
            WireJson.MAPPER.writeValue(out, tree);
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
