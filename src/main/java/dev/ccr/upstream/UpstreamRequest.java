package dev.ccr.upstream;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP POST to a provider: URL, headers in sending order, and the body: the first {@code length} bytes of
 * {@code body} (a body written into a larger buffer is sent without first being copied to its exact size).
 */
public record UpstreamRequest(URI url, List<Map.Entry<String, String>> headers, byte[] body, int length) {
    public UpstreamRequest {
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.checkFromIndexSize(0, length, body.length);
    }

    public UpstreamRequest(URI url, List<Map.Entry<String, String>> headers, byte[] body) {
        this(url, headers, body, body.length);
    }
}
