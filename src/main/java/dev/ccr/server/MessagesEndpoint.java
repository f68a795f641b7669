package dev.ccr.server;

import dev.ccr.imageagent.ImageAgent;
import dev.ccr.pipeline.MessagesPipeline;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;

/**
 * {@code POST /v1/messages}, {@code POST /v1/messages/count_tokens} and {@code POST /api/route/explain}: read the body,
 * hand it to the pipeline.
 */
final class MessagesEndpoint {
    private final CurrentPipeline pipeline;

    MessagesEndpoint(CurrentPipeline pipeline) {
        this.pipeline = pipeline;
    }

    HttpHandler messages() {
        return exchange -> {
            MessagesPipeline current = pipeline.forModelCall();
            ImageAgent.handle(current, read(exchange, current), new UndertowClientResponse(exchange));
        };
    }

    HttpHandler explain() {
        return exchange -> {
            MessagesPipeline current = pipeline.get();
            Responses.json(exchange, 200, current.explain(read(exchange, current)));
        };
    }

    HttpHandler countTokens() {
        return exchange -> {
            MessagesPipeline current = pipeline.get();
            Responses.json(exchange, 200, current.countTokens(read(exchange, current)));
        };
    }

    private static UndertowClientRequest read(HttpServerExchange exchange, MessagesPipeline pipeline) throws IOException {
        return new UndertowClientRequest(exchange, Bodies.read(exchange, pipeline.config().bodyLimitBytes()));
    }
}
