package dev.ccr.config;

import java.util.Objects;

/**
 * One declarative routing rule from {@code Router.rules} or a rule file it includes: when the condition holds, the
 * request goes to {@code route}.
 *
 * @param name   the rule's name, prefixed with the file's name when it came from an included file
 *               ({@code cost-saver/background})
 * @param origin where it was written, e.g. {@code Router.rules[2]} or {@code Router.rules[0] → cost-saver.json5 rules[1]}
 * @param route  {@code "provider,model"}, or {@code "Router.<key>"} for whatever that Router key routes to
 *               (parameters from {@code with} are already filled in)
 */
public record RouteRule(String name, String origin, RouteCondition when, String route) {
    /** The Router keys a rule may route to by reference. */
    public static final java.util.Set<String> ROUTER_KEYS =
            java.util.Set.of("default", "background", "think", "longContext", "webSearch", "image", "extendedContext");

    public RouteRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(route, "route");
    }

    /** The Router key this rule refers to, when its route is {@code Router.<key>}. */
    public java.util.Optional<String> routerKey() {
        return route.startsWith("Router.") ? java.util.Optional.of(route.substring("Router.".length())) : java.util.Optional.empty();
    }
}
