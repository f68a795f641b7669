package dev.ccr.server;

import dev.ccr.client.ClientResponse;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Writes the pipeline's answer to an Undertow exchange in blocking mode (the handler runs on a virtual thread). */
final class UndertowClientResponse implements ClientResponse {
    private final HttpServerExchange exchange;
    private boolean started;

    UndertowClientResponse(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void start(int status, List<Map.Entry<String, String>> headers) {
        if (started) {
            throw new IllegalStateException("response already started");
        }
        started = true;
        exchange.setStatusCode(status);
        headers.forEach(h -> exchange.getResponseHeaders().add(HttpString.tryFromString(h.getKey()), h.getValue()));
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public OutputStream body() {
        return exchange.getOutputStream();
    }
}
