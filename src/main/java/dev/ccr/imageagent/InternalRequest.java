package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ClientRequest;
import dev.ccr.routing.Target;
import dev.ccr.wire.WireJson;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of the agent's model calls as the pipeline sees it: the client's request (its headers, key and connection) with
 * the agent's body. The client's connection is watched once by the agent ({@link Departure}), so every call made for
 * it is cancelled when it leaves.
 */
final class InternalRequest implements ClientRequest {
    private final ClientRequest client;
    private final Departure departure;
    private final byte[] body;

    InternalRequest(ClientRequest client, Departure departure, ObjectNode body) {
        this.client = client;
        this.departure = departure;
        this.body = WireJson.compact(body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return client.method();
    }

    @Override
    public String path() {
        return client.path();
    }

    @Override
    public List<Map.Entry<String, String>> headers() {
        return client.headers();
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public void onDisconnect(Runnable action) {
        departure.onLeave(action);
    }

    @Override
    public Optional<String> clientKey() {
        return client.clientKey();
    }

    @Override
    public void admit(Target routed) {
        client.admit(routed);
    }
}
