package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run OpenAI's Codex CLI against ccr on {@code port}: Codex's per-run {@code -c key=value} overrides (TOML
 * values) declare a model provider {@code ccr} speaking the Responses API at {@code http://127.0.0.1:<port>/v1} and
 * select it; the user's arguments follow unchanged, so their own {@code -c} flags come later and win, and
 * {@code ~/.codex/config.toml} is never written. The router's key goes in the environment variable the provider names
 * ({@code CCR_API_KEY}), never on the command line, where other users could read it in the process list.
 *
 * @param command     the executable ({@code CODEX_PATH} from the config, then the environment, then {@code codex}),
 *                    ccr's overrides, then the user's arguments
 * @param environment variables to set on top of the caller's environment
 */
public record CodexLaunch(List<String> command, Map<String, String> environment) {
    /** The provider id ccr declares in Codex's config for this run. */
    public static final String PROVIDER = "ccr";
    /** The variable Codex reads the router's key from. */
    public static final String KEY_VARIABLE = "CCR_API_KEY";

    public CodexLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * The launch for a router on {@code port} whose resolved config is {@code config}, from a shell with
     * environment {@code env}, passing {@code args} to Codex.
     */
    public static CodexLaunch of(JsonNode config, Map<String, String> env, int port, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(text(config, "CODEX_PATH").or(() -> Optional.ofNullable(env.get("CODEX_PATH")).filter(s -> !s.isBlank()))
                .orElse("codex"));
        String provider = "model_providers." + PROVIDER + ".";
        override(command, "model_provider", PROVIDER);
        override(command, provider + "name", "claude-code-router");
        override(command, provider + "base_url", "http://127.0.0.1:" + port + "/v1");
        override(command, provider + "wire_api", "responses");
        override(command, provider + "env_key", KEY_VARIABLE);
        command.addAll(args);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(KEY_VARIABLE, text(config, "APIKEY").orElse("test"));
        environment.put("NO_PROXY", noProxy(env.get("NO_PROXY")));
        return new CodexLaunch(command, environment);
    }

    /** {@code -c key="value"}: a TOML string, quoted so that values such as {@code ccr} are never read as other types. */
    private static void override(List<String> command, String key, String value) {
        command.add("-c");
        command.add(key + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    /** The caller's {@code NO_PROXY} with 127.0.0.1 added, so a configured proxy never carries calls to the router. */
    static String noProxy(String current) {
        if (current == null || current.isBlank()) {
            return "127.0.0.1";
        }
        return List.of(current.split(",")).stream().map(String::trim).anyMatch("127.0.0.1"::equals) ? current : current + ",127.0.0.1";
    }

    private static Optional<String> text(JsonNode config, String field) {
        JsonNode value = config.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
