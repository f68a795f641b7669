package dev.ccr.server;

import dev.ccr.client.ApiError;
import dev.ccr.config.Config;
import dev.ccr.pipeline.MessagesPipeline;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pipeline a model endpoint answers with: the one of the moment (a reload swaps it; a request keeps the one it
 * started with), refused while its config has nothing to route to (a first run).
 */
final class CurrentPipeline {
    private final Supplier<MessagesPipeline> pipeline;
    private final Function<Config, Optional<ApiError>> notConfigured;

    /** @param notConfigured the answer to every model call while a config has nothing to route to */
    CurrentPipeline(Supplier<MessagesPipeline> pipeline, Function<Config, Optional<ApiError>> notConfigured) {
        this.pipeline = pipeline;
        this.notConfigured = notConfigured;
    }

    /** A pipeline that never refuses, such as a preset's (it has its own providers). */
    static CurrentPipeline of(MessagesPipeline pipeline) {
        return new CurrentPipeline(() -> pipeline, config -> Optional.empty());
    }

    /** The pipeline of the moment, for what asks no model (explain, count_tokens). */
    MessagesPipeline get() {
        return pipeline.get();
    }

    /** The pipeline of the moment for a model call; throws the first-run refusal when its config has no providers. */
    MessagesPipeline forModelCall() {
        MessagesPipeline current = pipeline.get();
        Optional<ApiError> refusal = notConfigured.apply(current.config());
        if (refusal.isPresent()) {
            throw refusal.get().exception();
        }
        return current;
    }
}
