package dev.ccr.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Routes for one Claude model family ({@code Router.families.opus|sonnet|haiku}, the CCR fork's family routing,
 * docs/routing.md, "Model families"): a route per scenario, with optional thresholds that override the Router's, and
 * per-scenario fallback lists.
 */
public record FamilyRoutes(
        String defaultRoute,
        Optional<String> think,
        Optional<String> longContext,
        OptionalInt longContextThreshold,
        Optional<String> extendedContext,
        OptionalInt extendedContextThreshold,
        Optional<String> webSearch,
        Optional<String> image,
        java.util.Map<String, java.util.List<String>> fallback) {

    /** The families the fork recognises. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("opus", "sonnet", "haiku");

    public FamilyRoutes {
        Objects.requireNonNull(defaultRoute, "defaultRoute");
        fallback = java.util.Map.copyOf(fallback);
    }

    /** The family's own fallback routes for {@code scenario} ({@code families.<f>.fallback.<scenario>}), tried first. */
    public java.util.List<String> fallbackFor(String scenario) {
        return fallback.getOrDefault(scenario, java.util.List.of());
    }
}
