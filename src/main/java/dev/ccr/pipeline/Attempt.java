package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.Provider;
import dev.ccr.routing.Target;
import dev.ccr.upstream.Cancellation;

/**
 * One try at answering a request with one provider and model.
 *
 * @param body the client's Anthropic request as routing left it; a dialect copies it before changing anything
 */
record Attempt(
        ClientRequest request,
        ClientResponse response,
        ObjectNode body,
        Config config,
        Provider provider,
        Target target,
        String scenario,
        int estimatedInputTokens,
        Cancellation cancellation,
        RequestListener listener) {

    boolean streaming() {
        return body.path("stream").asBoolean(false);
    }
}
