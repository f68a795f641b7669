package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.EnvInterpolation;
import dev.ccr.launch.ClaudeEnvironment;
import dev.ccr.preset.PresetManifest;
import dev.ccr.preset.Presets;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ccr <preset> [args...]}: Claude Code against an installed preset (spec §7.4). Through the router's
 * {@code /preset/<name>} namespace, or — with {@code noServer: true} — straight to the preset's first provider.
 */
final class PresetRun {
    private final CliContext context;
    private final PrintWriter out;
    private final PrintWriter err;

    PresetRun(CliContext context, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.out = out;
        this.err = err;
    }

    static boolean installed(CliContext context, String name) {
        return new Presets(context.home().presets()).installed(name);
    }

    int run(String name, List<String> args) throws Exception {
        PresetManifest preset = new Presets(context.home().presets()).find(name)
                .orElseThrow(() -> new CliException("Preset '" + name + "' is not installed (see ccr preset list)."));
        List<String> missing = preset.missingInputs();
        if (!missing.isEmpty()) {
            throw new CliException("Preset '" + name + "' needs " + String.join(", ", missing)
                    + " first: run ccr preset install " + name);
        }
        Config config = new ConfigOption().load(context, err);
        ObjectNode resolved = (ObjectNode) EnvInterpolation.of(context.env()).apply(preset.resolvedConfig());
        boolean noServer = resolved.path("noServer").asBoolean(false);
        Map<String, String> overrides = new HashMap<>();
        if (noServer) {
            Optional<JsonNode> provider = firstProvider(resolved, config);
            provider.ifPresent(p -> {
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
        ClaudeEnvironment.PresetLaunch launch = new ClaudeEnvironment.PresetLaunch(Optional.of(name),
                noServer ? Optional.empty() : Optional.of("/preset/" + name), overrides,
                Optional.ofNullable(resolved.get("StatusLine")), Optional.ofNullable(resolved.get("claudeCodeSettings")));
        return new ClaudeSession(context, out, err).run(config, args, launch, !noServer);
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
