package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ClientRequest;
import dev.ccr.client.ClientResponse;
import dev.ccr.config.Provider;
import dev.ccr.observe.RequestListener;
import dev.ccr.routing.Target;
import dev.ccr.upstream.Cancellation;
import dev.ccr.upstream.Timeouts;

/**
 * One try at answering a request with one provider and model.
 *
 * @param body         the client's Anthropic request as routing left it; a dialect copies it before changing anything
 * @param cancellation this attempt's own scope: a timeout here does not cancel the next candidate
 */
record Attempt(
        ClientRequest request,
        ClientResponse response,
        ObjectNode body,
        Provider provider,
        Target target,
        String scenario,
        int estimatedInputTokens,
        Timeouts timeouts,
        Cancellation cancellation,
        RequestListener listener) {

    boolean streaming() {
        return body.path("stream").asBoolean(false);
    }
}
