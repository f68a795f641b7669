package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ClientRequest;
import dev.ccr.client.ClientResponse;
import dev.ccr.config.Provider;
import dev.ccr.observe.RequestListener;
import dev.ccr.routing.Target;
import dev.ccr.upstream.Cancellation;
import dev.ccr.upstream.Timeouts;
import dev.ccr.wire.SourceBytes;

/**
 * One try at answering a request with one provider and model.
 *
 * @param body         the client's Anthropic request as routing left it; a dialect copies it before changing anything
 * @param source       the bytes it was parsed from, for the values of {@code body} nobody changed to be sent as they came
 * @param cancellation this attempt's own scope: a timeout here does not cancel the next candidate
 */
record Attempt(
        ClientRequest request,
        ClientResponse response,
        ObjectNode body,
        SourceBytes source,
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
