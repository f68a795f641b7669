package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Optional;

/**
 * The {@code Router} object (spec §1.6): a {@code "provider,model"} route per scenario and the long-context threshold.
 * The whole object is kept as {@code raw} for settings that later parts of routing read (families, rules).
 */
public record RouterSettings(
        Optional<String> defaultRoute,
        Optional<String> background,
        Optional<String> think,
        Optional<String> longContext,
        int longContextThreshold,
        Optional<String> webSearch,
        Optional<String> image,
        JsonNode raw) {

    /** CCR's default; {@code 0} or absent also mean this ({@code Router.longContextThreshold || 60000}). */
    public static final int DEFAULT_LONG_CONTEXT_THRESHOLD = 60_000;

    public static final RouterSettings EMPTY = new RouterSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), DEFAULT_LONG_CONTEXT_THRESHOLD, Optional.empty(), Optional.empty(), MissingNode.getInstance());
}
