package dev.ccr.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Routes for one Claude model family ({@code Router.families.opus|sonnet|haiku}, the CCR fork's family routing,
 * spec §1.7 and §2.10): a route per scenario, with optional thresholds that override the Router's.
 */
public record FamilyRoutes(
        String defaultRoute,
        Optional<String> think,
        Optional<String> longContext,
        OptionalInt longContextThreshold,
        Optional<String> extendedContext,
        OptionalInt extendedContextThreshold,
        Optional<String> webSearch,
        Optional<String> image) {

    /** The families the fork recognises. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("opus", "sonnet", "haiku");

    public FamilyRoutes {
        Objects.requireNonNull(defaultRoute, "defaultRoute");
    }
}
