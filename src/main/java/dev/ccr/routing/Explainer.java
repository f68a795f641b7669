package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;

import java.util.Map;

/**
 * Explains where a request would be routed, and why, without sending it: what {@code ccr route --explain FILE}
 * prints. Uses a fresh router, so the answer reflects the config and files on disk but no earlier requests (a running
 * server's {@code POST /api/route/explain} also knows its sessions' last usage).
 */
public final class Explainer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Explainer() {
    }

    /**
     * The routing explanation of {@code requestJson} (an Anthropic Messages request body) under {@code config}, as
     * text (see {@link RouteDecision#render()}).
     *
     * @throws IllegalArgumentException when {@code requestJson} is not a JSON object; the message says what is wrong
     */
    public static String explain(Config config, String requestJson) {
        return explain(config, requestJson, Map.of());
    }

    /** As {@link #explain(Config, String)}, with client headers (lower-case names) such as the session header. */
    public static String explain(Config config, String requestJson, Map<String, String> headers) {
        return decide(config, requestJson, headers).render();
    }

    /** The decision itself, for callers that want JSON ({@link RouteDecision#toJson()}) or the trace. */
    public static RouteDecision decide(Config config, String requestJson, Map<String, String> headers) {
        JsonNode body;
        try {
            body = JSON.readTree(requestJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the request is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the request must be a JSON object (an Anthropic Messages request body)");
        }
        return Router.ccrDefault().decide(new RoutingRequest((ObjectNode) body, headers, config, TokenCounter.cl100k()));
    }
}
