package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fork's built-in plugins, {@code "plugins": [{"name": "token-speed", "enabled": true}]} (also read as
 * {@code Plugins}). Only {@code token-speed} exists: per-session token-speed files for the status line.
 */
public record PluginSettings(boolean tokenSpeed) {
    public static final PluginSettings NONE = new PluginSettings(false);

    static PluginSettings parse(JsonNode root) {
        JsonNode plugins = root.has("plugins") ? root.get("plugins") : root.path("Plugins");
        for (JsonNode plugin : plugins) {
            if ("token-speed".equals(plugin.path("name").asText()) && plugin.path("enabled").asBoolean(false)) {
                return new PluginSettings(true);
            }
        }
        return NONE;
    }
}
