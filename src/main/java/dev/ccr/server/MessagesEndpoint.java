package dev.ccr.server;

import dev.ccr.client.ApiError;
import dev.ccr.config.Config;
import dev.ccr.pipeline.MessagesPipeline;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code POST /v1/messages}, {@code POST /v1/messages/count_tokens} and {@code POST /api/route/explain}: read the body,
 * hand it to the pipeline.
 */
final class MessagesEndpoint {
    private final Supplier<MessagesPipeline> pipeline;
    private final Function<Config, Optional<ApiError>> notConfigured;

    /**
     * @param pipeline      the pipeline of the moment: a reload swaps it, and a request keeps the one it started with
     * @param notConfigured the answer to every message while a config has nothing to route to (a first run)
     */
    MessagesEndpoint(Supplier<MessagesPipeline> pipeline, Function<Config, Optional<ApiError>> notConfigured) {
        this.pipeline = pipeline;
        this.notConfigured = notConfigured;
    }

    HttpHandler messages() {
        return exchange -> {
            MessagesPipeline current = pipeline.get();
            Optional<ApiError> refusal = notConfigured.apply(current.config());
            if (refusal.isPresent()) {
                throw refusal.get().exception();
            }
            current.handle(read(exchange, current), new UndertowClientResponse(exchange));
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
