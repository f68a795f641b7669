package dev.ccr.server;

import dev.ccr.pipeline.ApiError;
import dev.ccr.pipeline.MessagesPipeline;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /preset/{name}/v1/messages} and {@code .../count_tokens}: the messages endpoints of an installed preset,
 * answered by that preset's own pipeline (its providers and Router; docs/ccr-checklist.md item 72). Unknown presets are
 * 404.
 */
final class PresetEndpoint {
    private final Function<String, Optional<MessagesPipeline>> presets;
    private final long bodyLimit;

    PresetEndpoint(Function<String, Optional<MessagesPipeline>> presets, long bodyLimit) {
        this.presets = presets;
        this.bodyLimit = bodyLimit;
    }

    HttpHandler messages() {
        return exchange -> new MessagesEndpoint(pipeline(exchange), bodyLimit).messages().handleRequest(exchange);
    }

    HttpHandler countTokens() {
        return exchange -> new MessagesEndpoint(pipeline(exchange), bodyLimit).countTokens().handleRequest(exchange);
    }

    private MessagesPipeline pipeline(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String name = match == null ? "" : match.getParameters().getOrDefault("name", "");
        return presets.apply(name).orElseThrow(() -> ApiError.notFound("Preset '" + name + "' not found", "preset_not_found").exception());
    }
}
