package dev.ccr.server;

import dev.ccr.pipeline.MessagesPipeline;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}: read the body, hand it to the pipeline. */
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

    HttpHandler countTokens() {
        return (HttpServerExchange exchange) -> {
            UndertowClientRequest request = new UndertowClientRequest(exchange, Bodies.read(exchange, bodyLimit));
            Responses.json(exchange, 200, pipeline.countTokens(request));
        };
    }
}
