package dev.ccr.pipeline;

import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import dev.ccr.usage.Usage;

import java.util.List;

/**
 * Observes one request's life in paired events. Usage records, metrics and the access log are listeners. Methods
 * must be fast and never throw.
 */
public interface RequestListener {
    RequestListener NONE = new RequestListener() {
    };

    /** The client's request, parsed; listeners read it (never change it) instead of parsing the body again. */
    default void bodyParsed(com.fasterxml.jackson.databind.node.ObjectNode body) {
    }

    default void routeDecided(RouteDecision decision) {
    }

    /** The plan left these candidates out, each {@code "provider,model: why"} (an open circuit, not configured). */
    default void candidatesSkipped(List<String> skipped) {
    }

    default void attemptStarted(Target target) {
    }

    default void attemptFailed(Target target, ApiError error) {
    }

    /**
     * An Anthropic-dialect provider answered (any status) with these headers; the quota watch reads its
     * {@code anthropic-ratelimit-*} ones. Names as the provider sent them.
     */
    default void answerHeaders(Target target, java.util.Map<String, List<String>> headers) {
    }

    /** The first byte of the answer went to the client. */
    default void firstByte() {
    }

    default void completed(int status, Usage usage) {
    }

    default void failed(ApiError error) {
    }

    /** Makes a listener for each request. */
    interface Factory {
        Factory NONE = request -> RequestListener.NONE;

        RequestListener create(ClientRequest request);
    }
}
