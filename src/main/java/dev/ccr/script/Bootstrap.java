package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.config.ScriptSettings;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets up a fresh Context: evaluates ccr's runtime files in order (loader, globals, web, node, node-io, ccr), each a function
 * of the host bridge and a shared internal object, and then loads the configured custom router and plugins.
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
                String options = plugin.options().isMissingNode() || plugin.options().isNull() ? null : plugin.options().toString();
                String info = api.invokeMember("loadPlugin", plugin.path().toAbsolutePath().toString(), options).asString();
                plugins.add(PluginInfo.parse(home.number(), entry, JSON.readTree(info)));
            } catch (PolyglotException e) {
                failures.add(new LoadReport.PluginFailure(plugin.path(), ScriptFailure.of(e)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new LoadReport(home.router().isPresent(), routerFailure, plugins, failures);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new ScriptFailure("the runtime answered unreadable JSON: " + e.getMessage());
        }
    }
}
