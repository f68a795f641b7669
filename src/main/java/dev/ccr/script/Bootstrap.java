package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.config.ScriptSettings;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sets up a fresh Context: evaluates ccr's runtime files in order (loader, globals, web, node, node-io, ccr), each a function
 * of the host bridge and a shared internal object, and then loads the configured custom router and plugins (and loads
 * them again when their files change).
 */
final class Bootstrap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RUNTIME = List.of("loader.js", "globals.js", "web.js", "node.js", "node-io.js", "ccr.js");

    private Bootstrap() {
    }

    /** Evaluates the runtime; answers the API object of {@code ccr.js}. */
    static Value run(Context context, HostBridge bridge, String settingsJson) {
        Value internal = context.eval(SharedEngine.source("ccr-runtime/settings.js", "(json) => ({ settings: JSON.parse(json) })"))
                .execute(settingsJson);
        Value api = null;
        for (String file : RUNTIME) {
            String text = SharedEngine.resource(file).orElseThrow(() -> new IllegalStateException("ccr/js/" + file + " is missing from the jar"));
            api = context.eval(SharedEngine.source("ccr-runtime/" + file, text)).execute(bridge.proxy(), internal);
        }
        return api;
    }

    /** Loads the router and the plugins; a script that fails is reported, never thrown. */
    static LoadReport loadScripts(Value api, ScriptHome home) {
        Optional<ScriptFailure> routerFailure = Optional.empty();
        if (home.router().isPresent()) {
            try {
                api.invokeMember("loadRouter", home.router().get().toAbsolutePath().toString());
            } catch (PolyglotException e) {
                routerFailure = Optional.of(ScriptFailure.of(e));
            }
        }
        List<PluginInfo> plugins = new ArrayList<>();
        List<LoadReport.PluginFailure> failures = new ArrayList<>();
        for (ScriptHome.Entry entry : home.plugins()) {
            ScriptSettings.Plugin plugin = entry.plugin();
            try {
                plugins.add(load(api, home, entry, false));
            } catch (PolyglotException e) {
                failures.add(new LoadReport.PluginFailure(plugin.path(), ScriptFailure.of(e)));
            }
        }
        return new LoadReport(home.router().isPresent(), routerFailure, plugins, failures);
    }

    /**
     * Loads again the scripts of {@code home} whose files are among {@code changed}. A script that loads replaces the
     * running one for the calls that start from now; one that fails is refused and the running one stays (a script
     * that was not running before records its new failure). Each outcome is one line in {@code outcomes}.
     */
    static LoadReport reloadScripts(Value api, ScriptHome home, Set<Path> changed, LoadReport before, List<String> outcomes) {
        Optional<ScriptFailure> routerFailure = before.routerFailure();
        if (home.router().isPresent() && changed.contains(normal(home.router().get()))) {
            Path path = home.router().get();
            try {
                api.invokeMember("loadRouter", path.toAbsolutePath().toString(), true);
                routerFailure = Optional.empty();
                outcomes.add("Reloaded the custom router " + path);
            } catch (PolyglotException e) {
                ScriptFailure failure = ScriptFailure.of(e);
                outcomes.add("The changed custom router " + path + " is refused: " + oneLine(failure)
                        + (before.routerLoaded() ? "; the running one stays" : ""));
                if (!before.routerLoaded()) {
                    routerFailure = Optional.of(failure);
                }
            }
        }
        List<PluginInfo> plugins = new ArrayList<>();
        List<LoadReport.PluginFailure> failures = new ArrayList<>();
        for (ScriptHome.Entry entry : home.plugins()) {
            ScriptSettings.Plugin plugin = entry.plugin();
            Optional<PluginInfo> running = before.plugins().stream().filter(p -> p.order() == entry.order()).findFirst();
            if (!changed.contains(normal(plugin.path()))) {
                running.ifPresent(plugins::add);
                before.pluginFailures().stream().filter(f -> running.isEmpty() && f.path().equals(plugin.path())).findFirst()
                        .ifPresent(failures::add);
                continue;
            }
            try {
                PluginInfo loaded = load(api, home, entry, true);
                plugins.add(loaded);
                outcomes.add("Reloaded " + loaded.label());
            } catch (PolyglotException e) {
                ScriptFailure failure = ScriptFailure.of(e);
                outcomes.add("The changed plugin " + plugin.path() + " is refused: " + oneLine(failure)
                        + (running.isPresent() ? "; the running one stays" : ""));
                running.ifPresentOrElse(plugins::add, () -> failures.add(new LoadReport.PluginFailure(plugin.path(), failure)));
            }
        }
        return new LoadReport(home.router().isPresent(), routerFailure, plugins, failures);
    }

    /** GraalJS spells a syntax error over several lines with carets; a log line keeps the first and where it is. */
    private static String oneLine(ScriptFailure failure) {
        String message = failure.getMessage();
        int end = message.indexOf('\n');
        if (end < 0) {
            return message;
        }
        int at = message.lastIndexOf(" (at ");
        return message.substring(0, end) + (at > end ? message.substring(at) : "");
    }

    /** How the file watch names a script's file. */
    static Path normal(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static PluginInfo load(Value api, ScriptHome home, ScriptHome.Entry entry, boolean fresh) {
        ScriptSettings.Plugin plugin = entry.plugin();
        String options = plugin.options().isMissingNode() || plugin.options().isNull() ? null : plugin.options().toString();
        String info = api.invokeMember("loadPlugin", plugin.path().toAbsolutePath().toString(), options, fresh).asString();
        try {
            return PluginInfo.parse(home.number(), entry, JSON.readTree(info));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new ScriptFailure("the runtime answered unreadable JSON: " + e.getMessage());
        }
    }
}
