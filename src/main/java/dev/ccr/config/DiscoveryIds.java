package dev.ccr.config;

import java.util.Optional;

/**
 * The model ids {@code GET /v1/models} lists and routing reads back: {@code claude-ccr:<provider>,<model>}. Claude
 * Code's gateway model discovery only accepts ids that start with {@code claude}; the rest is ccr's own
 * {@code provider,model}, so a chosen id routes exactly like {@code /model provider,model}. It lives in {@code config}
 * because both the server (which lists) and routing (which reads) may use this package.
 */
public final class DiscoveryIds {
    /** Starts with {@code claude} for Claude Code's discovery; the {@code ccr:} part keeps it from naming a real model. */
    public static final String PREFIX = "claude-ccr:";

    private DiscoveryIds() {
    }

    /** The discovery id of a configured target. */
    public static String of(String provider, String model) {
        return PREFIX + provider + "," + model;
    }

    /** The {@code provider,model} inside a discovery id; empty for any other model name. */
    public static Optional<String> target(String modelId) {
        return modelId != null && modelId.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? Optional.of(modelId.substring(PREFIX.length()))
                : Optional.empty();
    }
}
