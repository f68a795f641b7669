package dev.ccr.server;

import dev.ccr.client.ApiError;
import dev.ccr.client.ApiException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves each request off Undertow's IO threads onto its own virtual thread, where handlers may block, and turns
 * whatever they throw into an Anthropic-shaped error: an {@link ApiException} as it says, anything else as a 500
 * whose message names no internals. No stack trace ever reaches a client. Each request's log lines carry its
 * {@code reqId}.
 */
final class Dispatch implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

    /** The log field naming the request a line was written for (the web UI's logs page filters on it). */
    static final String REQUEST_ID = "reqId";
    private static final AtomicLong NEXT_ID = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40));

    private final Executor executor;
    private final HttpHandler next;

    Dispatch(Executor executor, HttpHandler next) {
        this.executor = executor;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(executor, this);
            return;
        }
        exchange.startBlocking(new SafeBlockingExchange(exchange));
        MDC.put(REQUEST_ID, Long.toString(NEXT_ID.incrementAndGet(), 36));
        try {
            RequestHeadLimits.check(exchange);
            next.handleRequest(exchange);
        } catch (ApiException e) {
            Responses.error(exchange, e.error());
        } catch (Throwable e) {
            LOG.error("Unexpected failure in {} {}: {}", exchange.getRequestMethod(), exchange.getRequestPath(), e.toString());
            LOG.debug("Stack trace", e);
            Responses.error(exchange, ApiError.internal("Internal error in ccr while handling this request; see the ccr log"));
        } finally {
            MDC.remove(REQUEST_ID);
            endOnIoThread(exchange);
        }
    }

    /**
     * Ends the exchange on its IO thread once everything written has left this one. Undertow completing an exchange
     * from another thread spin-waits against the IO thread (its read listener's request state); on two cores that
     * spin cost milliseconds per request and a core's worth of CPU at one connection.
     */
    private static void endOnIoThread(HttpServerExchange exchange) {
        if (!exchange.isResponseComplete()) {
            try {
                exchange.getOutputStream().flush();
            } catch (IOException clientGone) {
                SafeBlockingExchange.end(exchange);
                return;
            }
        }
        exchange.dispatch(exchange.getIoThread(), () -> SafeBlockingExchange.end(exchange));
    }
}
