package dev.ccr.server;

import dev.ccr.client.ApiError;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a fresh install answers instead of "Missing model in request body": there is no provider yet, where the config
 * is, and the two ways to add one.
 */
final class FirstRun {
    private FirstRun() {
    }

    /** 400, so Claude Code shows the message instead of retrying it. */
    static ApiError noProviders(Path configFile) {
        return new ApiError(400, "invalid_request_error", "ccr has no providers configured yet, so it has nowhere to send"
                + " this request. Add one to \"Providers\" in " + configFile.toAbsolutePath() + ", or run `ccr model` to add"
                + " one in the terminal, or `ccr ui` to add one in the browser.", Optional.of("no_providers_configured"));
    }
}
