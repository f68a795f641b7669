package dev.ccr.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;

/** A JSON body rewritten on first read; a body that is not a JSON object passes unchanged. */
final class RewrittenJson extends InputStream {
    private static final ObjectMapper JSON = WireJson.MAPPER;

    private final InputStream upstream;
    private final UnaryOperator<ObjectNode> rewrite;
    private InputStream ready;

    RewrittenJson(InputStream upstream, UnaryOperator<ObjectNode> rewrite) {
        this.upstream = upstream;
        this.rewrite = rewrite;
    }

    private InputStream ready() throws IOException {
        if (ready == null) {
            byte[] bytes = upstream.readAllBytes();
            JsonNode node;
            try {
                node = JSON.readTree(bytes);
            } catch (IOException e) {
                node = null;
            }
            ready = new ByteArrayInputStream(node instanceof ObjectNode object
                    ? JSON.writeValueAsBytes(rewrite.apply(object)) : bytes);
        }
        return ready;
    }

    @Override
    public int read() throws IOException {
        return ready().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return ready().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }
}
