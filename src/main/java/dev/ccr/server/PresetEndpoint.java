package dev.ccr.server;

import dev.ccr.client.ApiError;
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

    PresetEndpoint(Function<String, Optional<MessagesPipeline>> presets) {
        this.presets = presets;
    }

    HttpHandler messages() {
        return exchange -> endpoint(exchange).messages().handleRequest(exchange);
    }

    HttpHandler countTokens() {
        return exchange -> endpoint(exchange).countTokens().handleRequest(exchange);
    }

    /** The preset's pipeline as a messages endpoint; a preset has its own providers, so it is never a first run. */
    private MessagesEndpoint endpoint(HttpServerExchange exchange) {
        return new MessagesEndpoint(CurrentPipeline.of(pipeline(exchange)));
    }

    private MessagesPipeline pipeline(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String name = match == null ? "" : match.getParameters().getOrDefault("name", "");
        return presets.apply(name).orElseThrow(() -> ApiError.notFound("Preset '" + name + "' not found", "preset_not_found").exception());
    }
}
