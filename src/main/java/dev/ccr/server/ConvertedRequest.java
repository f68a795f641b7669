package dev.ccr.server;

import dev.ccr.client.ClientRequest;
import dev.ccr.routing.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request from a client of another dialect as the pipeline sees it: the client's own request (its key, its
 * connection, its user agent, which names the client in the usage records) with the body converted into an
 * Anthropic Messages request.
 *
 * <p>The client's credentials ({@code x-goog-api-key} included) and framing headers are not passed on, since the
 * pipeline forwards client headers to Anthropic-dialect providers; {@code anthropic-version} is added, which those
 * providers require and only Anthropic clients send.
 */
final class ConvertedRequest implements ClientRequest {
    /** The Messages API version Anthropic's SDKs send. */
    static final String ANTHROPIC_VERSION = "2023-06-01";
    private static final Set<String> NOT_PASSED_ON = Set.of("authorization", "x-api-key", "x-goog-api-key",
            "content-length", "content-type", "accept", "accept-encoding", "transfer-encoding", "connection");

    private final ClientRequest client;
    private final byte[] body;
    private final List<Map.Entry<String, String>> headers;

    ConvertedRequest(ClientRequest client, byte[] anthropicBody) {
        this.client = client;
        this.body = anthropicBody;
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : client.headers()) {
            if (!NOT_PASSED_ON.contains(h.getKey())) {
                kept.add(h);
            }
        }
        kept.add(Map.entry("content-type", "application/json"));
        if (client.header("anthropic-version").isEmpty()) {
            kept.add(Map.entry("anthropic-version", ANTHROPIC_VERSION));
        }
        this.headers = List.copyOf(kept);
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
        return headers;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public void onDisconnect(Runnable action) {
        client.onDisconnect(action);
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
