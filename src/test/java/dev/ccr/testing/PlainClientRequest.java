package dev.ccr.testing;

import dev.ccr.client.ClientRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A client's request held in memory, for tests that drive the pipeline or its listeners without a server. */
public class PlainClientRequest implements ClientRequest {
    private final String path;
    private final byte[] body;

    public PlainClientRequest(String path, String body) {
        this.path = path;
        this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<Map.Entry<String, String>> headers() {
        return List.of();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public void onDisconnect(Runnable action) {
    }
}
