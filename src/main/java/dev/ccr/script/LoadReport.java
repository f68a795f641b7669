package dev.ccr.script;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What loading the scripts gave: the router (or why not) and each plugin (or why not), in config order. */
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

    /** The reports of several homes as one: plugins back in config order. */
    static LoadReport merge(boolean routerConfigured, List<LoadReport> reports) {
        Optional<ScriptFailure> routerFailure = reports.stream().map(LoadReport::routerFailure).flatMap(Optional::stream).findFirst();
        List<PluginInfo> plugins = reports.stream().flatMap(r -> r.plugins().stream())
                .sorted(Comparator.comparingInt(PluginInfo::order)).toList();
        List<PluginFailure> failures = reports.stream().flatMap(r -> r.pluginFailures().stream()).toList();
        return new LoadReport(routerConfigured, routerFailure, plugins, failures);
    }

    /** Plugins by name; a later plugin with the same name replaces an earlier one, as in CCR. */
    Map<String, PluginInfo> pluginsByName() {
        Map<String, PluginInfo> byName = new LinkedHashMap<>();
        plugins.forEach(p -> byName.put(p.name(), p));
        return byName;
    }
}
