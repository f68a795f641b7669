package dev.ccr.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * What a transformer may know about the request besides the request itself: the provider, the routed model and
 * scenario, and the client's original Anthropic body and headers (read only).
 */
public record TransformContext(ProviderInfo provider, String model, String scenario, ObjectNode clientBody,
                               Map<String, String> clientHeaders) {
    public TransformContext {
        clientHeaders = Map.copyOf(clientHeaders);
    }
}
