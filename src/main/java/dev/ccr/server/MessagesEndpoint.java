package dev.ccr.server;

import dev.ccr.pipeline.MessagesPipeline;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /v1/messages}, {@code POST /v1/messages/count_tokens} and {@code POST /api/route/explain}: read the body,
 * hand it to the pipeline.
 */
final class MessagesEndpoint {
    private final MessagesPipeline pipeline;
    private final long bodyLimit;

    MessagesEndpoint(MessagesPipeline pipeline, long bodyLimit) {
        this.pipeline = pipeline;
        this.bodyLimit = bodyLimit;
    }

    HttpHandler messages() {
        return exchange -> {
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
