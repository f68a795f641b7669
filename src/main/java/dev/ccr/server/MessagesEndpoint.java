package dev.ccr.server;

import dev.ccr.pipeline.ApiError;
import dev.ccr.pipeline.MessagesPipeline;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.Optional;

/**
 * {@code POST /v1/messages}, {@code POST /v1/messages/count_tokens} and {@code POST /api/route/explain}: read the body,
 * hand it to the pipeline.
 */
final class MessagesEndpoint {
    private final MessagesPipeline pipeline;
    private final long bodyLimit;
    private final Optional<ApiError> notConfigured;

    MessagesEndpoint(MessagesPipeline pipeline, long bodyLimit) {
        this(pipeline, bodyLimit, Optional.empty());
    }

    /** @param notConfigured the answer to every message while ccr has nothing to route to (a first run) */
    MessagesEndpoint(MessagesPipeline pipeline, long bodyLimit, Optional<ApiError> notConfigured) {
        this.pipeline = pipeline;
        this.bodyLimit = bodyLimit;
        this.notConfigured = notConfigured;
    }

    HttpHandler messages() {
        return exchange -> {
            if (notConfigured.isPresent()) {
                throw notConfigured.get().exception();
            }
            UndertowClientRequest request = new UndertowClientRequest(exchange, Bodies.read(exchange, bodyLimit));
            pipeline.handle(request, new UndertowClientResponse(exchange));
        };
    }

    HttpHandler explain() {
        return exchange -> {
            UndertowClientRequest request = new UndertowClientRequest(exchange, Bodies.read(exchange, bodyLimit));
            Responses.json(exchange, 200, pipeline.explain(request));
        };
    }

    HttpHandler countTokens() {
        return (HttpServerExchange exchange) -> {
            UndertowClientRequest request = new UndertowClientRequest(exchange, Bodies.read(exchange, bodyLimit));
            Responses.json(exchange, 200, pipeline.countTokens(request));
        };
    }
}
