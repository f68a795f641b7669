package dev.ccr.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.client.ClientRequest;
import dev.ccr.resilience.Plan;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import dev.ccr.usage.Usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Observes one request's life in paired events, as okhttp's {@code EventListener} does a call's. The access log, the
 * usage records, the session usage, the token-speed files, metrics, quotas and client-key limits are listeners, made
 * per request by a {@link Factory} and composed with {@link Factory#compose}. Methods must be fast and never throw.
 */
public interface RequestListener {
    RequestListener NONE = new RequestListener() {
    };

    /** The client's request, parsed; listeners read it (never change it) instead of parsing the body again. */
    default void bodyParsed(ObjectNode body) {
    }

    default void routeDecided(RouteDecision decision) {
    }

    /**
     * The candidates the request will try, in order, and those left out, each {@code "provider,model: why"} (an open
     * circuit, a spent quota, not configured).
     */
    default void planned(Plan plan) {
    }

    default void attemptStarted(Target target) {
    }

    default void attemptFailed(Target target, ApiError error) {
    }

    /**
     * An Anthropic-dialect provider answered (any status) with these headers; the quota watch reads its
     * {@code anthropic-ratelimit-*} ones. Names as the provider sent them.
     */
    default void answerHeaders(Target target, Map<String, List<String>> headers) {
    }

    /** The first byte of the answer went to the client. */
    default void firstByte() {
    }

    default void completed(int status, Usage usage) {
    }

    default void failed(ApiError error) {
    }

    /** Makes a listener for each request. */
    @FunctionalInterface
    interface Factory {
        Factory NONE = request -> RequestListener.NONE;

        RequestListener create(ClientRequest request);

        /** Listeners side by side: every event goes to each, in the order given. */
        static Factory compose(Factory... factories) {
            List<Factory> all = List.of(factories);
            return request -> {
                List<RequestListener> listeners = new ArrayList<>(all.size());
                for (Factory factory : all) {
                    RequestListener listener = factory.create(request);
                    if (listener != RequestListener.NONE) {
                        listeners.add(listener);
                    }
                }
                return switch (listeners.size()) {
                    case 0 -> RequestListener.NONE;
                    case 1 -> listeners.getFirst();
                    default -> new Composite(List.copyOf(listeners));
                };
            };
        }
    }
}
