package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What rules look at: the Anthropic request body, the client's headers (lower-case names), the config in force,
 * and the request's token count, computed once on first use. A rule may replace the body ({@link #replaceBody});
 * the pipeline forwards {@link #body()} as routing left it.
 */
public final class RoutingRequest {
    private ObjectNode body;
    private final Map<String, String> headers;
    private final Config config;
    private final TokenCounter counter;
    private int tokenCount = -1;

    public RoutingRequest(ObjectNode body, Map<String, String> headers, Config config, TokenCounter counter) {
        this.body = Objects.requireNonNull(body, "body");
        this.headers = Map.copyOf(headers);
        this.config = Objects.requireNonNull(config, "config");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    public ObjectNode body() {
        return body;
    }

    /**
     * Replaces the request body for the rules after this one and for the upstream, as CCR's custom router may rewrite
     * {@code req.body} (spec §2.6). The token count stays the one counted before, as in CCR.
     */
    public void replaceBody(ObjectNode newBody) {
        body = Objects.requireNonNull(newBody, "newBody");
    }

    /** All client headers, by lower-case name. */
    public Map<String, String> headers() {
        return headers;
    }

    public Config config() {
        return config;
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** The requested model as the client sent it, or empty. */
    public Optional<String> model() {
        return body.path("model").isTextual() ? Optional.of(body.get("model").textValue()) : Optional.empty();
    }

    /** cl100k_base tokens of messages, system and tools (spec §2.3), counted once. */
    public int tokenCount() {
        if (tokenCount < 0) {
            tokenCount = counter.count(body);
        }
        return tokenCount;
    }
}
