package dev.ccr.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.EnvInterpolation;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ccr <preset> [args...]} changes about a Claude Code launch (docs/cli.md): through the router's
 * {@code /preset/<name>} namespace, or, with {@code noServer: true}, straight to the preset's first provider, whose
 * base URL and key then replace the router's.
 *
 * @param envOverrides       variables that replace CCR's (a {@code noServer} preset's base URL and key)
 * @param statusLine         the preset's {@code StatusLine}, when it has one
 * @param claudeCodeSettings the preset's {@code claudeCodeSettings}, when it has them
 */
public record PresetLaunch(String name, boolean noServer, Map<String, String> envOverrides, Optional<JsonNode> statusLine,
                           Optional<JsonNode> claudeCodeSettings) {
    public PresetLaunch {
        envOverrides = Map.copyOf(envOverrides);
    }

    /**
     * The installed preset {@code name}, ready to run.
     *
     * @throws PresetException when it is not installed, or still lacks inputs
     */
    public static PresetManifest runnable(Presets presets, String name) throws IOException {
        PresetManifest preset = presets.find(name)
                .orElseThrow(() -> new PresetException("Preset '" + name + "' is not installed (see ccr preset list)."));
        List<String> missing = preset.missingInputs();
        if (!missing.isEmpty()) {
            throw new PresetException("Preset '" + name + "' needs " + String.join(", ", missing)
                    + " first: run ccr preset install " + name);
        }
        return preset;
    }

    /** The launch of {@code preset}, its {@code $VAR}s from {@code env}, beside the main {@code config}. */
    public static PresetLaunch of(PresetManifest preset, Map<String, String> env, Config config) {
        ObjectNode resolved = (ObjectNode) EnvInterpolation.of(env).apply(preset.resolvedConfig());
        boolean noServer = resolved.path("noServer").asBoolean(false);
        Map<String, String> overrides = new HashMap<>();
        if (noServer) {
            firstProvider(resolved, config).ifPresent(p -> {
                String url = p.path("api_base_url").asText("");
                if (url.endsWith("/v1/messages")) {
                    url = url.substring(0, url.length() - "/v1/messages".length());
                } else if (url.endsWith("/")) {
                    url = url.substring(0, url.length() - 1);
                }
                if (!url.isEmpty()) {
                    overrides.put("ANTHROPIC_BASE_URL", url);
                }
                if (!p.path("api_key").asText("").isEmpty()) {
                    overrides.put("ANTHROPIC_AUTH_TOKEN", p.path("api_key").asText());
                }
            });
        }
        return new PresetLaunch(preset.dirName(), noServer, overrides, Optional.ofNullable(resolved.get("StatusLine")),
                Optional.ofNullable(resolved.get("claudeCodeSettings")));
    }

    /** The router's path for this preset, or empty when Claude Code bypasses the router. */
    public Optional<String> namespace() {
        return noServer ? Optional.empty() : Optional.of("/preset/" + name);
    }

    private static Optional<JsonNode> firstProvider(ObjectNode preset, Config config) {
        if (preset.path("provider").isTextual()) {
            String wanted = preset.get("provider").asText();
            JsonNode global = config.resolved().has("Providers") ? config.resolved().get("Providers") : config.resolved().path("providers");
            for (JsonNode p : global) {
                if (p.path("name").asText().equals(wanted)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
        JsonNode providers = preset.has("Providers") ? preset.get("Providers") : preset.path("providers");
        return providers.isArray() && !providers.isEmpty() ? Optional.of(providers.get(0)) : Optional.empty();
    }
}
