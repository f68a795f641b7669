package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Router} object (docs/configuration.md): a {@code "provider,model"} route per scenario and the thresholds,
 * the CCR fork's family routing and model mapping, and ccr's declarative rules. The whole object is kept as
 * {@code raw}.
 *
 * @param extendedContext          the fork's route for very long (1M-token) requests
 * @param extendedContextThreshold tokens above which {@code extendedContext} applies (fork default 200000)
 * @param families                 {@code opus|sonnet|haiku} to their routes; used when {@code enableFamilyRouting}
 * @param models                   the fork's {@code Router.models}: requested model (or family, or substring) to route
 * @param rules                    declarative rules, includes expanded, in the order written (docs/routing.md)
 */
public record RouterSettings(
        Optional<String> defaultRoute,
        Optional<String> background,
        Optional<String> think,
        Optional<String> longContext,
        int longContextThreshold,
        Optional<String> webSearch,
        Optional<String> image,
        Optional<String> extendedContext,
        int extendedContextThreshold,
        boolean enableFamilyRouting,
        Map<String, FamilyRoutes> families,
        Map<String, String> models,
        List<RouteRule> rules,
        JsonNode raw) {

    /** CCR's default; {@code 0} or absent also mean this ({@code Router.longContextThreshold || 60000}). */
    public static final int DEFAULT_LONG_CONTEXT_THRESHOLD = 60_000;

    /** The fork's default for {@code extendedContextThreshold} (docs/routing.md, "Model families"). */
    public static final int DEFAULT_EXTENDED_CONTEXT_THRESHOLD = 200_000;

    public static final RouterSettings EMPTY = new RouterSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), DEFAULT_LONG_CONTEXT_THRESHOLD, Optional.empty(), Optional.empty(), Optional.empty(),
            DEFAULT_EXTENDED_CONTEXT_THRESHOLD, false, Map.of(), Map.of(), List.of(), MissingNode.getInstance());

    public RouterSettings {
        families = Map.copyOf(families);
        models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models)); // lookup order matters
        rules = List.copyOf(rules);
    }

    /** The route configured under a scenario key ({@code default}, {@code background}, …), if any. */
    public Optional<String> route(String key) {
        return switch (key) {
            case "default" -> defaultRoute;
            case "background" -> background;
            case "think" -> think;
            case "longContext" -> longContext;
            case "webSearch" -> webSearch;
            case "image" -> image;
            case "extendedContext" -> extendedContext;
            default -> Optional.empty();
        };
    }
}
