package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A loaded plugin as Java sees it: the home (Context) it lives in and its place in that Context's plugin list, its
 * place in the config, its {@code name}, and which of CCR's methods it has (docs/plugins.md).
 */
record PluginInfo(Path path, int home, int order, int index, String name, Optional<String> endPoint, boolean requestIn,
                  boolean responseOut) {
    static PluginInfo parse(int home, ScriptHome.Entry entry, JsonNode info) {
        return new PluginInfo(entry.plugin().path(), home, entry.order(), info.path("index").asInt(), info.path("name").asText(),
                info.path("endPoint").isTextual() ? Optional.of(info.get("endPoint").textValue()) : Optional.empty(),
                info.path("requestIn").asBoolean(), info.path("responseOut").asBoolean());
    }

    /** How log lines and errors name it: {@code plugin 'name' (/path/file.js)}. */
    String label() {
        return "plugin '" + name + "' (" + path + ")";
    }
}
