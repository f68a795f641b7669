package dev.ccr.upstream;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An HTTP POST to a provider: URL, headers in sending order, and the body bytes. */
public record UpstreamRequest(URI url, List<Map.Entry<String, String>> headers, byte[] body) {
    public UpstreamRequest {
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
