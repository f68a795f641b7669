package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code ccr codex} runs OpenAI's Codex CLI against ccr on {@code port}: Codex's per-run {@code -c key=value}
 * overrides (TOML values) declare a model provider {@code ccr} speaking the Responses API at
 * {@code http://127.0.0.1:<port>/v1} and select it; the user's arguments follow unchanged, so their own {@code -c}
 * flags come later and win, and {@code ~/.codex/config.toml} is never written. Overrides given before a subcommand
 * ({@code exec}, {@code resume}) apply to it too. The model is {@code router} ({@link #ROUTED_MODEL}), which ccr routes
 * by its {@code Router} rules; a {@code -m} or {@code -c model=...} of the user's wins. Codex's own default model is
 * not kept: for its newest models (Codex 0.171's {@code gpt-6.2-sol}) Codex sends the "responses-lite" form, whose
 * tools come in an {@code additional_tools} input item as one JavaScript {@code exec} tool with the real tools nested
 * in it, which only OpenAI's own models use; for a model it does not know Codex sends plain function tools. The
 * router's key goes in the environment variable the provider names
 * ({@code CCR_API_KEY}), never on the command line, where other users could read it in the process list.
 *
 * @param command     the executable ({@code CODEX_PATH} from the config, then the environment, then {@code codex}),
 *                    ccr's overrides, then the user's arguments
 * @param environment variables to set on top of the caller's environment
 */
public record CodexLaunch(List<String> command, Map<String, String> environment) implements ClientLaunch {
    /** The provider id ccr declares in Codex's config for this run. */
    public static final String PROVIDER = "ccr";
    /** The variable Codex reads the router's key from. */
    public static final String KEY_VARIABLE = "CCR_API_KEY";
    /** The model ccr asks Codex to use: a name Codex does not know, routed by ccr's rules. */
    public static final String ROUTED_MODEL = "router";

    public CodexLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * The launch for a router on {@code port} whose resolved config is {@code config}, from a shell with
     * environment {@code env}, passing {@code args} to Codex.
     */
    public static CodexLaunch of(JsonNode config, Map<String, String> env, int port, List<String> args) {
        List<String> command = new ArrayList<>(Executable.resolve(config, env, "CODEX_PATH", "codex"));
        String provider = "model_providers." + PROVIDER + ".";
        override(command, "model_provider", PROVIDER);
        override(command, "model", ROUTED_MODEL);
        override(command, provider + "name", "claude-code-router");
        override(command, provider + "base_url", ClientLaunch.baseUrl(port) + "/v1");
        override(command, provider + "wire_api", "responses");
        override(command, provider + "env_key", KEY_VARIABLE);
        command.addAll(args);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(KEY_VARIABLE, ClientLaunch.routerKey(config));
        environment.put("NO_PROXY", ClientLaunch.noProxy(env.get("NO_PROXY")));
        return new CodexLaunch(command, environment);
    }

    @Override
    public String client() {
        return "Codex";
    }

    @Override
    public String installHint() {
        return "Make sure Codex is installed: npm install -g @openai/codex\n"
                + "(or set CODEX_PATH in the config or the environment to its path)";
    }

    /** {@code -c key="value"}: a TOML string, quoted so that values such as {@code ccr} are never read as other types. */
    private static void override(List<String> command, String key, String value) {
        command.add("-c");
        command.add(key + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
}
