package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.client.ClientResponse;
import dev.ccr.wire.WireJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** A whole answer kept for the agent to read: the image model's, or a main round's when the client wants JSON. */
final class CapturedResponse implements ClientResponse {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private List<Map.Entry<String, String>> headers = List.of();
    private boolean started;

    @Override
    public synchronized void start(int status, List<Map.Entry<String, String>> headers) {
        if (started) {
            throw new IllegalStateException("response already started");
        }
        started = true;
        this.status = status;
        this.headers = List.copyOf(headers);
    }

    @Override
    public synchronized boolean isStarted() {
        return started;
    }

    @Override
    public OutputStream body() {
        return body;
    }

    int status() {
        return status;
    }

    List<Map.Entry<String, String>> headers() {
        return headers;
    }

    byte[] bytes() {
        return body.toByteArray();
    }

    /** The body as JSON, or a missing node when it is not JSON. */
    JsonNode json() {
        try {
            JsonNode node = WireJson.MAPPER.readTree(body.toByteArray());
            return node == null ? WireJson.MAPPER.missingNode() : node;
        } catch (IOException e) {
            return WireJson.MAPPER.missingNode();
        }
    }

    /** Writes this answer, as it came, to {@code client}. */
    void relayTo(ClientResponse client) throws IOException {
        client.start(status, headers);
        client.body().write(body.toByteArray());
        client.flush();
    }
}
