package dev.ccr.script;

import dev.ccr.config.ScriptPolicy;
import dev.ccr.config.ScriptSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scripts one {@link JsLoop} holds, and what they may do. Every trusted script shares home 0, as all of CCR's
 * scripts share one Node process; each sandboxed script gets a home (a Context) of its own, so its limits are kept by
 * the host bridge of that Context rather than by JS that the script could change.
 *
 * @param plugins the plugins here, each with its place in the config's {@code transformers} list
 */
record ScriptHome(int number, ScriptPolicy policy, Optional<Path> router, List<Entry> plugins) {
    /** A plugin and its place in the config (a later plugin with the same name wins, so order matters across homes). */
    record Entry(int order, ScriptSettings.Plugin plugin) {
    }

    ScriptHome {
        plugins = List.copyOf(plugins);
    }

    /** The homes for {@code settings}: the trusted one first (always, even if empty), then one per sandboxed script. */
    static List<ScriptHome> of(ScriptSettings settings) {
        List<ScriptHome> homes = new ArrayList<>();
        List<Entry> trusted = new ArrayList<>();
        List<ScriptHome> sandboxed = new ArrayList<>();
        Optional<Path> router = settings.customRouter();
        boolean routerTrusted = router.isPresent() && !settings.routerPolicy().sandboxed();
        if (router.isPresent() && !routerTrusted) {
            sandboxed.add(new ScriptHome(0, settings.routerPolicy(), router, List.of()));
        }
        for (int i = 0; i < settings.plugins().size(); i++) {
            ScriptSettings.Plugin plugin = settings.plugins().get(i);
            if (plugin.policy().sandboxed()) {
                sandboxed.add(new ScriptHome(0, plugin.policy(), Optional.empty(), List.of(new Entry(i, plugin))));
            } else {
                trusted.add(new Entry(i, plugin));
            }
        }
        homes.add(new ScriptHome(0, ScriptPolicy.TRUSTED, routerTrusted ? router : Optional.empty(), trusted));
        for (ScriptHome home : sandboxed) {
            homes.add(new ScriptHome(homes.size(), home.policy(), home.router(), home.plugins()));
        }
        return homes;
    }

    /** The one script of a sandboxed home: how the sandbox's log lines name it. */
    Path script() {
        return router.orElseGet(() -> plugins.getFirst().plugin().path());
    }

    /** Every script this home holds. */
    List<Path> scripts() {
        List<Path> scripts = new ArrayList<>();
        router.ifPresent(scripts::add);
        plugins.forEach(e -> scripts.add(e.plugin().path()));
        return scripts;
    }

    boolean isEmpty() {
        return router.isEmpty() && plugins.isEmpty();
    }
}
