package dev.ccr.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.ThreadLocalRandom;

/** The JSON helpers every dialect package shares, with one thread-safe mapper. */
public final class WireJson {
    /**
     * The mapper of everything on the request path. Its buffers come from one shared pool: Jackson's default keeps
     * them per thread, and each request runs on a virtual thread of its own, so every parse and every write took
     * fresh 8-16 KB buffers (two fifths of what a small request allocated; docs/benchmarks.md, "Allocation"). Strings
     * may be as long as a body may be (a pasted screenshot); Jackson's default stops at 20 MB.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedBoundedPool())
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireJson() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Writes a tree as compact JSON, the way {@code JSON.stringify} does. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new WireException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a JSON object, or returns null when the text is not one (CCR skips such stream lines too). */
    public static ObjectNode parseObjectOrNull(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        // [DONE] and keep-alive text end every stream; spare them a parse exception.
        if (i == text.length() || text.charAt(i) != '{') {
            return null;
        }
        try {
            return MAPPER.readTree(text) instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** An OpenAI tool call id for a call the provider did not name: {@code call_} plus 96 random bits. */
    public static String toolCallId() {
        return "call_" + random96();
    }

    /** 96 random bits as 24 hex digits, for ids that must not collide (CCR's epoch-millisecond ids do, P-12). */
    public static String random96() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%08x", r.nextLong(), r.nextInt());
    }
}
