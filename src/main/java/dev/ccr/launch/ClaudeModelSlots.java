package dev.ccr.launch;

import dev.ccr.config.Config;
import dev.ccr.config.FamilyRoutes;
import dev.ccr.config.ModelLimits;
import dev.ccr.config.Provider;
import dev.ccr.config.RouterSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code ccr code} tells Claude Code about the models behind the router: its three model slots (what
 * {@code /model} offers as Opus, Sonnet and Haiku) named for the models ccr routes them to, and its auto-compact window
 * set to the routed default model's context window, so Claude Code compacts before the provider refuses
 * (docs/configuration.md, "What ccr code tells Claude Code").
 *
 * <p>Claude Code 2.x reads {@code ANTHROPIC_DEFAULT_{OPUS,SONNET,HAIKU}_MODEL} with {@code _NAME} and
 * {@code _DESCRIPTION} for its picker ({@code ANTHROPIC_SMALL_FAST_MODEL} is the 1.x name of the Haiku slot, not set
 * here) and {@code CLAUDE_CODE_AUTO_COMPACT_WINDOW} for the window it compacts against, capped by Claude Code at the
 * window it believes its model has (200K, or 1M with {@code [1m]}).
 *
 * <p>A slot's model id is not {@code provider,model}: that would make every request an explicit choice and switch
 * scenario routing off (think, longContext, background). It is {@code claude-<family>-ccr}, which ccr routes exactly as
 * Claude Code's own names for that family: Router.default (Haiku: Router.background), or the family's routes with
 * family routing. A variable the user's environment already sets is left to the user.
 */
public final class ClaudeModelSlots {
    /** The families, in the order Claude Code lists them. */
    static final List<String> FAMILIES = List.of("opus", "sonnet", "haiku");

    public static final String AUTO_COMPACT_WINDOW = "CLAUDE_CODE_AUTO_COMPACT_WINDOW";

    private ClaudeModelSlots() {
    }

    /** The slot id ccr gives Claude Code for {@code family}: a Claude name the router reads as that family. */
    public static String slotId(String family) {
        return "claude-" + family + "-ccr";
    }

    /**
     * The variables for {@code config}'s routes, in a stable order; empty when nothing is routed. Variables set in
     * {@code userEnv} are left out, so the user's own choice stays in force.
     */
    public static LinkedHashMap<String, String> variables(Config config, Map<String, String> userEnv) {
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        OptionalLong mainWindow = OptionalLong.empty();
        for (String family : FAMILIES) {
            Optional<Routed> routed = routeOf(config, family);
            if (routed.isEmpty()) {
                continue;
            }
            Routed slot = routed.get();
            String variable = "ANTHROPIC_DEFAULT_" + family.toUpperCase(Locale.ROOT) + "_MODEL";
            if (!userEnv.containsKey(variable)) {
                env.put(variable, slotId(family));
                env.put(variable + "_NAME", slot.model() + " via ccr");
                env.put(variable + "_DESCRIPTION", slot.description());
            }
            if (!family.equals("haiku") && slot.limits().contextWindow().isPresent()) {
                long window = slot.limits().contextWindow().get().tokens();
                mainWindow = OptionalLong.of(mainWindow.isPresent() ? Math.min(mainWindow.getAsLong(), window) : window);
            }
        }
        if (mainWindow.isPresent() && !userEnv.containsKey(AUTO_COMPACT_WINDOW)) {
            env.put(AUTO_COMPACT_WINDOW, Long.toString(mainWindow.getAsLong()));
        }
        return env;
    }

    /** A slot's routed model: where its requests go when no scenario applies. */
    private record Routed(Provider provider, String model, ModelLimits limits, String setting) {
        String description() {
            StringBuilder out = new StringBuilder(provider.name()).append(',').append(model).append(" (").append(setting).append(')');
            limits.contextWindow().ifPresent(w -> out.append(" · ").append(ModelLimits.shortForm(w.tokens())).append(" context"));
            limits.maxOutputTokens().ifPresent(o -> out.append(" · ").append(ModelLimits.shortForm(o.tokens())).append(" output"));
            return out.toString();
        }
    }

    /**
     * The route a family's plain request takes: the family's default with family routing, else Router.default (Haiku:
     * Router.background first, as BackgroundRule sends Claude Haiku there). Empty when it names no configured provider.
     */
    private static Optional<Routed> routeOf(Config config, String family) {
        RouterSettings router = config.router();
        FamilyRoutes routes = router.enableFamilyRouting() ? router.families().get(family) : null;
        Optional<String> route;
        String setting;
        if (routes != null) {
            route = Optional.of(routes.defaultRoute());
            setting = "Router.families." + family + ".default";
        } else if (family.equals("haiku") && router.background().isPresent()) {
            route = router.background();
            setting = "Router.background";
        } else {
            route = router.defaultRoute();
            setting = "Router.default";
        }
        return route.flatMap(r -> {
            int comma = r.indexOf(',');
            if (comma <= 0) {
                return Optional.empty();
            }
            String model = r.substring(comma + 1).trim();
            return config.provider(r.substring(0, comma).trim())
                    .map(p -> new Routed(p, p.canonicalModel(model).orElse(model), p.limitsOf(model), setting));
        });
    }
}
