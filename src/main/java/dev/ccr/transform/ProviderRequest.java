package dev.ccr.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A request on its way to a provider: URL, headers and the body in OpenAI chat form. Immutable; transformers return
 * changed copies. The body tree is the transformer's to edit only after {@link #copyBody()}.
 *
 * @param timeout the total time the call may take (a transformer may change it, as CCR's {@code config.TIMEOUT})
 */
public record ProviderRequest(URI url, HeaderList headers, ObjectNode body, Duration timeout) {
    public ProviderRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
    }

    public ObjectNode copyBody() {
        return body.deepCopy();
    }

    public ProviderRequest withBody(ObjectNode newBody) {
        return new ProviderRequest(url, headers, newBody, timeout);
    }

    public ProviderRequest withUrl(URI newUrl) {
        return new ProviderRequest(newUrl, headers, body, timeout);
    }

    public ProviderRequest withHeaders(HeaderList newHeaders) {
        return new ProviderRequest(url, newHeaders, body, timeout);
    }

    public ProviderRequest withTimeout(Duration newTimeout) {
        return new ProviderRequest(url, headers, body, newTimeout);
    }
}
