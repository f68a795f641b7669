package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The validated configuration a running ccr uses; built by {@link ConfigParser}, never changed afterwards.
 *
 * @param document       the file as written (placeholders not expanded, unknown keys kept), for saves and the UI
 * @param resolved       the document with {@code $VAR}s expanded, handed to scripts as CCR hands its config
 * @param apiTimeout     the upstream total timeout ({@code API_TIMEOUT_MS})
 * @param bodyLimitBytes the largest request body accepted
 * @param pingInterval   silence after which a converted stream gets a {@code ping} event; zero turns pings off
 * @param scripts        the custom router and JS plugins to run, if any
 * @param quota          how provider quotas are polled and kept in reserve (docs/quota.md)
 * @param plugins        the fork's built-in plugins that are enabled ({@code token-speed})
 * @param forceUseImageAgent CCR's switch: images a routed model cannot read are described by the image model through
 *                       the {@code analyzeImage} tool (docs/routing.md, "Image"); off, they go to {@code Router.image}
 * @param warnings       problems that did not stop the load (a provider skipped, HOST forced to loopback)
 */
public record Config(
        String host,
        int port,
        Optional<String> apiKey,
        Optional<URI> proxy,
        Duration apiTimeout,
        boolean log,
        String logLevel,
        long bodyLimitBytes,
        Duration pingInterval,
        List<Provider> providers,
        RouterSettings router,
        ResilienceSettings resilience,
        ScriptSettings scripts,
        QuotaSettings quota,
        PluginSettings plugins,
        boolean forceUseImageAgent,
        JsonNode document,
        JsonNode resolved,
        List<ConfigProblem> warnings) {

    public static final int DEFAULT_PORT = 3456;
    public static final String LOOPBACK = "127.0.0.1";
    public static final Duration DEFAULT_API_TIMEOUT = Duration.ofMillis(600_000);
    /** CCR's Fastify body limit (docs/compatibility.md, Errors). */
    public static final long DEFAULT_BODY_LIMIT = 50L * 1024 * 1024;
    /** Anthropic's API pings idle streams every few seconds; 15 s keeps proxies and clients from timing out. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

    public Config {
        providers = List.copyOf(providers);
        warnings = List.copyOf(warnings);
    }

    /** The provider with exactly this name, or one whose name matches ignoring case. */
    public Optional<Provider> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .or(() -> providers.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst());
    }

    /** Never prints the API key or the documents (they hold secrets). */
    @Override
    public String toString() {
        return "Config[host=" + host + ", port=" + port + ", apiKey=" + (apiKey.isPresent() ? "***" : "none")
                + ", providers=" + providers + "]";
    }
}
