package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed config document into a {@link Config}: expands {@code $VAR}s, applies CCR's defaults
 * (docs/configuration.md) and checks every field, collecting all problems before failing.
 */
public final class ConfigParser {
    private final Map<String, String> env;
    private final Path baseDir;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    private ConfigParser(Map<String, String> env, Path baseDir) {
        this.env = env;
        this.baseDir = baseDir;
    }

    /**
     * Parses {@code document} with {@code env} as the environment for placeholders and {@code SERVICE_PORT}; rule
     * files named by {@code Router.rules} resolve against ccr's home folder.
     */
    public static Config parse(JsonNode document, Map<String, String> env) throws ConfigException {
        return parse(document, env, CcrHome.resolve(env).dir());
    }

    /** As {@link #parse(JsonNode, Map)}, with rule files resolving against {@code baseDir} (the config file's folder). */
    public static Config parse(JsonNode document, Map<String, String> env, Path baseDir) throws ConfigException {
        return new ConfigParser(env, baseDir).build(document);
    }

    /**
     * Parses a {@code Router} object on its own, as found in a project or session router file (docs/ccr-checklist.md
     * item 37), with {@code $VAR}s expanded and rule files resolving against {@code baseDir}.
     */
    public static RouterSettings parseRouter(JsonNode router, Map<String, String> env, Path baseDir) throws ConfigException {
        ConfigParser parser = new ConfigParser(env, baseDir);
        RouterSettings settings = new RouterParser(parser.errors, parser.warnings, baseDir)
                .parse(EnvInterpolation.of(env).apply(router), List.of());
        if (!parser.errors.isEmpty()) {
            throw new ConfigException("The Router has " + parser.errors.size() + " problem(s)", parser.errors);
        }
        return settings;
    }

    private Config build(JsonNode document) throws ConfigException {
        if (!document.isObject()) {
            throw new ConfigException("The config must be a JSON object",
                    List.of(new ConfigProblem("$", "is a " + document.getNodeType(), "wrap the settings in { }")));
        }
        JsonNode resolved = EnvInterpolation.of(env).apply(document);

        int port = port(resolved);
        Optional<String> apiKey = text(resolved, "APIKEY");
        String host = host(resolved, apiKey);
        Optional<URI> proxy = proxy(resolved);
        Duration timeout = Duration.ofMillis(positiveLong(resolved, "API_TIMEOUT_MS", Config.DEFAULT_API_TIMEOUT.toMillis()));
        long bodyLimit = positiveLong(resolved, "BODY_LIMIT_BYTES", Config.DEFAULT_BODY_LIMIT);
        Duration ping = Duration.ofMillis(nonNegativeLong(resolved, "PING_INTERVAL_MS", Config.DEFAULT_PING_INTERVAL.toMillis()));
        boolean log = !resolved.path("LOG").isBoolean() || resolved.path("LOG").booleanValue();
        String logLevel = text(resolved, "LOG_LEVEL").orElse("info");
        List<Provider> providers = providers(resolved);
        RouterSettings router = new RouterParser(errors, warnings, baseDir).parse(resolved.path("Router"), providers);
        ResilienceSettings resilience = new ResilienceParser(errors).parse(resolved);
        ScriptSettings scripts = scripts(resolved);
        String providersKey = resolved.has("Providers") ? "Providers" : "providers";
        QuotaSettings quota = new QuotaParser(errors).parse(resolved, providersKey, resolved.path(providersKey), providers);

        if (!errors.isEmpty()) {
            throw new ConfigException("The config has " + errors.size() + " problem(s)", errors);
        }
        return new Config(host, port, apiKey, proxy, timeout, log, logLevel, bodyLimit, ping, providers, router, resilience, scripts,
                quota, PluginSettings.parse(resolved), forceUseImageAgent(resolved), document.deepCopy(), resolved, warnings);
    }

    /* --------------- Top level --------------- */

    /** CCR's {@code forceUseImageAgent}; anything but a boolean leaves the agent off, with a warning. */
    private boolean forceUseImageAgent(JsonNode root) {
        JsonNode node = root.path("forceUseImageAgent");
        if (node.isMissingNode() || node.isNull() || node.isBoolean()) {
            return node.asBoolean(false);
        }
        warnings.add(new ConfigProblem("forceUseImageAgent", "is " + node + ", not true or false, so the image agent is off",
                "write true or false"));
        return false;
    }

    private int port(JsonNode root) {
        JsonNode node = root.path("PORT");
        boolean configured = !(node.isMissingNode() || node.isNull() || node.asText().isEmpty());
        int port = configured ? portValue("PORT", node.asText()) : Config.DEFAULT_PORT;
        String servicePort = env.get("SERVICE_PORT");
        if (servicePort != null && !servicePort.isBlank()) {
            return portValue("env SERVICE_PORT", servicePort.trim());
        }
        return port;
    }

    private int portValue(String path, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new ConfigProblem(path, "'" + value + "' is not a port number", "use a number from 1 to 65535, e.g. 3456"));
        return Config.DEFAULT_PORT;
    }

    /**
     * Without an API key the server only listens on loopback, whatever HOST says (docs/ccr-checklist.md items 43 and
     * 45).
     */
    private String host(JsonNode root, Optional<String> apiKey) {
        Optional<String> host = text(root, "HOST");
        if (host.isEmpty()) {
            return Config.LOOPBACK;
        }
        // A team's client keys guard the server as APIKEY does.
        boolean clientKeys = root.path("CLIENT_KEYS").isArray() && !root.path("CLIENT_KEYS").isEmpty();
        if (apiKey.isEmpty() && !clientKeys && !host.get().equals(Config.LOOPBACK)) {
            warnings.add(new ConfigProblem("HOST", "API key is not set, so HOST '" + host.get() + "' is forced to 127.0.0.1",
                    "set APIKEY (or CLIENT_KEYS) to listen on other interfaces"));
            return Config.LOOPBACK;
        }
        return host.get();
    }

    /** The first non-empty of HTTPS_PROXY, https_proxy, httpsProxy, PROXY_URL (CCR's ConfigService order). */
    private Optional<URI> proxy(JsonNode root) {
        for (String key : List.of("HTTPS_PROXY", "https_proxy", "httpsProxy", "PROXY_URL")) {
            Optional<String> value = text(root, key);
            if (value.isPresent()) {
                return uri(key, value.get(), "use a URL such as http://127.0.0.1:7890");
            }
        }
        return Optional.empty();
    }

    private long positiveLong(JsonNode root, String key, long fallback) {
        return wholeNumber(root, key, fallback, 1);
    }

    private long nonNegativeLong(JsonNode root, String key, long fallback) {
        return wholeNumber(root, key, fallback, 0);
    }

    private long wholeNumber(JsonNode root, String key, long fallback, long min) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
            return fallback;
        }
        try {
            long value = node.isNumber() ? node.longValue() : Long.parseLong(node.asText().trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new ConfigProblem(key, "'" + node.asText() + "' is not a " + (min > 0 ? "positive" : "non-negative")
                + " whole number", "use a whole number, e.g. " + fallback));
        return fallback;
    }

    /* --------------- Providers --------------- */

    private List<Provider> providers(JsonNode root) {
        JsonNode list = root.has("Providers") ? root.get("Providers") : root.path("providers");
        String key = root.has("Providers") ? "Providers" : "providers";
        List<Provider> providers = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return providers;
        }
        if (!list.isArray()) {
            errors.add(new ConfigProblem(key, "must be an array", "write \"" + key + "\": [ {\"name\": ..., ...} ]"));
            return providers;
        }
        for (int i = 0; i < list.size(); i++) {
            provider(key + "[" + i + "]", list.get(i), providers).ifPresent(providers::add);
        }
        return providers;
    }

    /** CCR skips incomplete providers silently (pitfall P-3); ccr skips them with a warning that says why. */
    private Optional<Provider> provider(String path, JsonNode node, List<Provider> seen) {
        Optional<String> name = text(node, "name");
        Optional<String> url = text(node, "api_base_url");
        if (name.isEmpty()) {
            warnings.add(new ConfigProblem(path + ".name", "is missing, so this provider is skipped", "give the provider a name"));
            return Optional.empty();
        }
        if (seen.stream().anyMatch(p -> p.name().equals(name.get()))) {
            warnings.add(new ConfigProblem(path + ".name", "'" + name.get() + "' is used twice; this one is skipped", "give each provider its own name"));
            return Optional.empty();
        }
        if (url.isEmpty()) {
            warnings.add(new ConfigProblem(path + ".api_base_url", "is missing, so provider '" + name.get() + "' is skipped",
                    "set the full endpoint URL, e.g. https://api.deepseek.com/chat/completions"));
            return Optional.empty();
        }
        Optional<URI> uri = httpUri(url.get());
        if (uri.isEmpty()) {
            warnings.add(new ConfigProblem(path + ".api_base_url", "'" + url.get() + "' is not an http(s) URL, so provider '"
                    + name.get() + "' is skipped", "use the full endpoint URL (is an environment variable unset?)"));
            return Optional.empty();
        }
        String apiKey = text(node, "api_key").orElse("");
        TransformerSpec transformer = transformers(path + ".transformer", node.path("transformer"));
        // The vertex-* transformers sign in with Google credentials; their providers need no key.
        boolean mintsItsOwnTokens = transformer.use().stream().anyMatch(t -> t.name().startsWith("vertex-"));
        if (apiKey.isEmpty() && !mintsItsOwnTokens) {
            warnings.add(new ConfigProblem(path + ".api_key", "is empty; provider '" + name.get() + "' is used without an Authorization header",
                    "set api_key if the provider needs one (CCR would drop this provider)"));
        }
        List<String> models = new ArrayList<>();
        node.path("models").forEach(m -> {
            if (m.isTextual()) {
                models.add(m.textValue());
            }
        });
        JsonNode limitsNode = node.path("limits");
        ModelLimits limits = limits(path + ".limits", limitsNode);
        Map<String, ModelLimits> modelLimits = new LinkedHashMap<>();
        JsonNode byModel = limitsNode.path("models");
        if (!byModel.isMissingNode() && !byModel.isObject()) {
            errors.add(new ConfigProblem(path + ".limits.models", "must be an object",
                    "write \"models\": {\"<model>\": {\"maxOutputTokens\": 8192}}"));
        }
        byModel.properties().forEach(field -> {
            String at = path + ".limits.models." + field.getKey();
            if (models.stream().noneMatch(m -> m.equalsIgnoreCase(field.getKey())
                    || m.equalsIgnoreCase(ModelLimits.withoutExtendedSuffix(field.getKey())))) {
                warnings.add(new ConfigProblem(at, "names no model of provider '" + name.get() + "'",
                        "use a name from its models list, e.g. " + (models.isEmpty() ? "add the model first" : models.getFirst())));
            }
            modelLimits.put(field.getKey(), limits(at, field.getValue()));
        });
        return Optional.of(new Provider(name.get(), uri.get(), apiKey, models, transformer, limits, modelLimits));
    }

    /** A {@code limits} object: {@code maxOutputTokens} and {@code contextWindow}, positive whole numbers. */
    private ModelLimits limits(String path, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return ModelLimits.UNKNOWN;
        }
        if (!node.isObject()) {
            errors.add(new ConfigProblem(path, "must be an object", "write {\"maxOutputTokens\": 8192, \"contextWindow\": 131072}"));
            return ModelLimits.UNKNOWN;
        }
        boolean providerWide = path.endsWith(".limits");
        node.fieldNames().forEachRemaining(key -> {
            if (!key.equals("maxOutputTokens") && !key.equals("contextWindow") && !(providerWide && key.equals("models"))) {
                errors.add(new ConfigProblem(path + "." + key, "is not a limit ccr knows",
                        "use maxOutputTokens or contextWindow" + (providerWide ? " (or models, for one model's own)" : "")));
            }
        });
        return new ModelLimits(tokens(path + ".maxOutputTokens", node.path("maxOutputTokens")),
                tokens(path + ".contextWindow", node.path("contextWindow")));
    }

    private Optional<ModelLimits.Limit> tokens(String path, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.canConvertToLong() && node.isIntegralNumber() && node.longValue() > 0) {
            return Optional.of(new ModelLimits.Limit(node.longValue(), "configured at " + path));
        }
        errors.add(new ConfigProblem(path, "'" + node.asText() + "' is not a positive whole number of tokens",
                "write the number of tokens, e.g. 131072"));
        return Optional.empty();
    }

    private TransformerSpec transformers(String path, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return TransformerSpec.NONE;
        }
        List<TransformerRef> use = chain(path + ".use", node.path("use"));
        Map<String, List<TransformerRef>> byModel = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            if (!field.getKey().equals("use") && field.getValue().isObject()) {
                byModel.put(field.getKey(), chain(path + "." + field.getKey() + ".use", field.getValue().path("use")));
            }
        });
        return new TransformerSpec(use, byModel);
    }

    private List<TransformerRef> chain(String path, JsonNode use) {
        List<TransformerRef> refs = new ArrayList<>();
        for (int i = 0; i < use.size(); i++) {
            JsonNode entry = use.get(i);
            if (entry.isTextual()) {
                refs.add(TransformerRef.named(entry.textValue()));
            } else if (entry.isArray() && !entry.isEmpty() && entry.get(0).isTextual()) {
                refs.add(new TransformerRef(entry.get(0).textValue(), entry.size() > 1 ? entry.get(1) : MissingNode.getInstance()));
            } else {
                errors.add(new ConfigProblem(path + "[" + i + "]", "is neither \"name\" nor [\"name\", {options}]",
                        "write a transformer name or a [name, options] pair"));
            }
        }
        return refs;
    }

    /* --------------- Scripts --------------- */

    /** The custom router and plugins; a missing file is a warning, since ccr then runs without it (as CCR does). */
    private ScriptSettings scripts(JsonNode root) {
        Optional<Path> router = text(root, "CUSTOM_ROUTER_PATH").map(this::expandHome);
        router.filter(p -> !Files.isRegularFile(p)).ifPresent(p -> warnings.add(new ConfigProblem("CUSTOM_ROUTER_PATH",
                "'" + p + "' is not a file, so the built-in routing rules are used", "give the absolute path of your custom-router.js")));
        ScriptPolicyParser policies = new ScriptPolicyParser(errors).withDefault(root);
        ScriptPolicy routerPolicy = policies.entry("CUSTOM_ROUTER_SANDBOX", root.path("CUSTOM_ROUTER_SANDBOX"));
        List<ScriptSettings.Plugin> plugins = new ArrayList<>();
        JsonNode list = root.path("transformers");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            errors.add(new ConfigProblem("transformers", "must be an array", "write \"transformers\": [{\"path\": \"/abs/plugin.js\", \"options\": {}}]"));
        }
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            Optional<String> path = text(list.get(i), "path");
            if (path.isEmpty()) {
                warnings.add(new ConfigProblem("transformers[" + i + "].path", "is missing, so this plugin is skipped",
                        "give the absolute path of the plugin file"));
                continue;
            }
            plugins.add(new ScriptSettings.Plugin(expandHome(path.get()), list.get(i).path("options"),
                    policies.entry("transformers[" + i + "].sandbox", list.get(i).path("sandbox"))));
        }
        Duration timeout = Duration.ofMillis(positiveLong(root, "SCRIPT_TIMEOUT_MS", ScriptSettings.DEFAULT_TIMEOUT.toMillis()));
        if (root.has("SCRIPT_CONTEXTS")) {
            warnings.add(new ConfigProblem("SCRIPT_CONTEXTS", "is no longer used: ccr keeps one instance of each script, as CCR does",
                    "remove SCRIPT_CONTEXTS"));
        }
        return new ScriptSettings(router, routerPolicy, plugins, env, timeout);
    }

    /** {@code ~} and {@code ~/...} name the user's home ({@code $HOME}), as a shell would. */
    private Path expandHome(String path) {
        String trimmed = path.trim();
        if (trimmed.equals("~") || trimmed.startsWith("~/")) {
            return Path.of(CcrHome.userHome(env) + trimmed.substring(1));
        }
        return Path.of(trimmed);
    }

    /* --------------- Helpers --------------- */

    /** A non-empty scalar at {@code key}, as text. */
    static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (value.isValueNode() && !value.isNull() && !value.asText().isEmpty()) {
            return Optional.of(value.asText());
        }
        return Optional.empty();
    }

    private Optional<URI> uri(String path, String value, String remedy) {
        Optional<URI> uri = httpUri(value);
        if (uri.isEmpty()) {
            errors.add(new ConfigProblem(path, "'" + value + "' is not an http(s) URL", remedy));
        }
        return uri;
    }

    private static Optional<URI> httpUri(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() != null && uri.getHost() != null
                    && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException ignored) {
            // not a URI at all
        }
        return Optional.empty();
    }
}
