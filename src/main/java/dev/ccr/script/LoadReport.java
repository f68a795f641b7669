package dev.ccr.script;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What loading the scripts into a Context gave: the router (or why not) and each plugin (or why not). */
record LoadReport(boolean routerConfigured, Optional<ScriptFailure> routerFailure, List<PluginInfo> plugins,
                  List<PluginFailure> pluginFailures) {
    static LoadReport failedEntirely(boolean routerConfigured, List<Path> pluginPaths, ScriptFailure failure) {
        return new LoadReport(routerConfigured, Optional.of(failure), List.of(),
                pluginPaths.stream().map(p -> new PluginFailure(p, failure)).toList());
    }

    LoadReport {
        plugins = List.copyOf(plugins);
        pluginFailures = List.copyOf(pluginFailures);
    }

    /** A plugin that did not load, and why. */
    record PluginFailure(Path path, ScriptFailure failure) {
    }

    boolean routerLoaded() {
        return routerConfigured && routerFailure.isEmpty();
    }

    /** Plugins by name; a later plugin with the same name replaces an earlier one, as in CCR (spec §3.2). */
    Map<String, PluginInfo> pluginsByName() {
        Map<String, PluginInfo> byName = new LinkedHashMap<>();
        plugins.forEach(p -> byName.put(p.name(), p));
        return byName;
    }
}
