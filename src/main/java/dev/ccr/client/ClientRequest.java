package dev.ccr.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A client's HTTP request as the pipeline sees it: the server has read the body and knows when the client leaves. */
public interface ClientRequest {
    String method();

    /** The path without the query string, e.g. {@code /v1/messages}. */
    String path();

    /** Headers in arrival order, names lower-cased. */
    List<Map.Entry<String, String>> headers();

    byte[] body();

    /** Runs {@code action} once when the client's connection closes. */
    void onDisconnect(Runnable action);

    /** The name of the client key the request carried ({@code CLIENT_KEYS}), for usage records and metrics. */
    default Optional<String> clientKey() {
        return Optional.empty();
    }

    /**
     * Refuses (with an {@link ApiException}) a routed target the caller's client key may not use. The pipeline calls
     * it once routing decided; without client keys everything is allowed.
     */
    default void admit(dev.ccr.routing.Target routed) {
    }

    default Optional<String> header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return headers().stream().filter(h -> h.getKey().equals(lower)).map(Map.Entry::getValue).findFirst();
    }

    /** Headers as a map, first value of each name. */
    default Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        headers().forEach(h -> map.putIfAbsent(h.getKey(), h.getValue()));
        return map;
    }
}
