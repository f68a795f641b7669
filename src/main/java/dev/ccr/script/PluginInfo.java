package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A loaded plugin as Java sees it: its place in every Context's plugin list, its {@code name}, and which of CCR's
 * methods it has (spec §3.1).
 */
record PluginInfo(Path path, int index, String name, Optional<String> endPoint, boolean requestIn, boolean responseOut) {
    static PluginInfo parse(Path path, JsonNode info) {
        return new PluginInfo(path, info.path("index").asInt(), info.path("name").asText(),
                info.path("endPoint").isTextual() ? Optional.of(info.get("endPoint").textValue()) : Optional.empty(),
                info.path("requestIn").asBoolean(), info.path("responseOut").asBoolean());
    }

    /** How log lines and errors name it: {@code plugin 'name' (/path/file.js)}. */
    String label() {
        return "plugin '" + name + "' (" + path + ")";
    }
}
