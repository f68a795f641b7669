package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code ccr opencode} runs OpenCode against ccr on {@code port}: through {@code OPENCODE_CONFIG_CONTENT}, the
 * inline config OpenCode merges over its global and project {@code opencode.json} files for one run. It declares a
 * provider {@code ccr} ({@code @ai-sdk/openai-compatible}, so OpenCode speaks chat completions to
 * {@code http://127.0.0.1:<port>/v1}) and makes {@code ccr/router} the model and the small model. {@code router} names
 * no provider, so ccr routes it by its {@code Router} rules; every configured {@code provider,model} is declared too,
 * for OpenCode's model picker and {@code -m ccr/provider,model}. The user's arguments follow unchanged, so
 * {@code -m} still chooses, and no file of OpenCode's is written.
 *
 * <p>The router's key is in the inline config itself: OpenCode does not expand {@code {env:...}} there in every
 * version. It stays in the environment, never on the command line.
 *
 * @param command     the executable ({@code OPENCODE_PATH} from the config, then the environment, then
 *                    {@code opencode}), then the user's arguments
 * @param environment variables to set on top of the caller's environment
 */
public record OpenCodeLaunch(List<String> command, Map<String, String> environment) implements ClientLaunch {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The variable OpenCode reads an inline config from (opencode.ai/docs/config, "Precedence order"). */
    public static final String CONFIG_VARIABLE = "OPENCODE_CONFIG_CONTENT";
    /** The model ccr routes by its rules, as OpenCode names it. */
    public static final String ROUTED_MODEL = "ccr/router";

    public OpenCodeLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** The launch for a router on {@code port} with resolved config {@code config}, from environment {@code env}. */
    public static OpenCodeLaunch of(JsonNode config, Map<String, String> env, int port, List<String> args) {
        List<String> command = new ArrayList<>(Executable.resolve(config, env, "OPENCODE_PATH", "opencode"));
        command.addAll(args);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(CONFIG_VARIABLE, inlineConfig(config, port).toString());
        environment.put("NO_PROXY", ClientLaunch.noProxy(env.get("NO_PROXY")));
        return new OpenCodeLaunch(command, environment);
    }

    static ObjectNode inlineConfig(JsonNode config, int port) {
        ObjectNode inline = JSON.createObjectNode();
        inline.put("$schema", "https://opencode.ai/config.json");
        ObjectNode provider = inline.putObject("provider").putObject("ccr");
        provider.put("npm", "@ai-sdk/openai-compatible").put("name", "claude-code-router");
        provider.putObject("options").put("baseURL", ClientLaunch.baseUrl(port) + "/v1")
                .put("apiKey", ClientLaunch.routerKey(config));
        ObjectNode models = provider.putObject("models");
        models.putObject("router").put("name", "Routed by ccr");
        JsonNode providers = config.has("Providers") ? config.get("Providers") : config.path("providers");
        for (JsonNode p : providers) {
            String name = p.path("name").asText("");
            for (JsonNode model : p.path("models")) {
                if (!name.isEmpty() && model.isTextual()) {
                    models.putObject(name + "," + model.asText()).put("name", model.asText() + " (" + name + ", via ccr)");
                }
            }
        }
        inline.put("model", ROUTED_MODEL);
        inline.put("small_model", ROUTED_MODEL);
        return inline;
    }

    @Override
    public String client() {
        return "OpenCode";
    }

    @Override
    public String installHint() {
        return "Make sure OpenCode is installed: npm install -g opencode-ai\n"
                + "(or set OPENCODE_PATH in the config or the environment to its path)";
    }
}
