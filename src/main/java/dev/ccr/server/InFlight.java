package dev.ccr.server;

import io.undertow.server.HttpHandler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the model requests being answered right now, streams included (a handler returns when its answer has ended),
 * for the web UI's live figure.
 */
final class InFlight {
    private final AtomicInteger count = new AtomicInteger();

    HttpHandler around(HttpHandler handler) {
        return exchange -> {
            count.incrementAndGet();
            try {
                handler.handleRequest(exchange);
            } finally {
                count.decrementAndGet();
            }
        };
    }

    int now() {
        return count.get();
    }
}
