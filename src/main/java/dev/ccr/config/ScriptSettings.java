package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JavaScript a config asks for: the custom router ({@code CUSTOM_ROUTER_PATH}, docs/plugins.md) and the transformer
 * plugins ({@code transformers: [{path, options}]}, docs/plugins.md), with {@code ~} already expanded, plus what the
 * script host needs to run them.
 *
 * @param routerPolicy what the custom router may do ({@code CUSTOM_ROUTER_SANDBOX}, else {@code SCRIPT_SANDBOX})
 * @param env          the environment scripts see as {@code process.env} and {@code os.homedir()} (never logged)
 * @param timeout      how long one call into a script may take ({@code SCRIPT_TIMEOUT_MS}); longer calls are abandoned
 */
public record ScriptSettings(Optional<Path> customRouter, ScriptPolicy routerPolicy, List<Plugin> plugins,
                             Map<String, String> env, Duration timeout) {
    /** Long enough for a router or plugin that calls a model or fetches a token; CCR itself has no limit. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public static final ScriptSettings NONE = new ScriptSettings(Optional.empty(), ScriptPolicy.TRUSTED, List.of(), Map.of(),
            DEFAULT_TIMEOUT);

    /** One {@code transformers[]} entry: the plugin file, the options its constructor gets, and what it may do. */
    public record Plugin(Path path, JsonNode options, ScriptPolicy policy) {
    }

    public ScriptSettings {
        plugins = List.copyOf(plugins);
        env = Map.copyOf(env);
    }

    /** True when the config names no script: then no JS engine is started at all. */
    public boolean isEmpty() {
        return customRouter.isEmpty() && plugins.isEmpty();
    }

    /** Never prints the environment: it holds secrets. */
    @Override
    public String toString() {
        return "ScriptSettings[customRouter=" + customRouter + ", plugins=" + plugins.stream().map(Plugin::path).toList()
                + ", timeout=" + timeout + "]";
    }
}
