package dev.ccr.script;

import dev.ccr.config.Config;
import dev.ccr.config.FileWatch;
import dev.ccr.config.Provider;
import dev.ccr.config.ScriptSettings;
import dev.ccr.config.TransformerRef;
import dev.ccr.routing.Router;
import dev.ccr.transform.TransformerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JavaScript a config names, made part of ccr: the custom router becomes the first routing rule, and plugins
 * become transformers in the registry. The entry point of this package.
 *
 * <p>With no script configured, GraalJS is never loaded: JS is an extension, never the hot path by default. With
 * scripts, they load in the background while the server starts. Their files are watched: an edit is loaded into the
 * running Contexts and serves the calls that start afterwards ({@link ScriptHost#reload}). A config that names other
 * scripts gets a host of its own ({@link #configure}); the old one closes when its last request is done.
 */
public final class Scripts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scripts.class);

    private final String version;
    private final ScriptCalls calls;
    private ScriptSettings settings = ScriptSettings.NONE;
    /** Null while no script is configured. */
    private volatile ScriptHost host;
    private AutoCloseable watch = () -> { };

    private Scripts(String version, ScriptCalls calls) {
        this.version = version;
        this.calls = calls;
    }

    /** Starts the script host when {@code config} names a custom router or plugins; returns at once. */
    public static Scripts start(Config config, String version) {
        return start(config, version, ScriptCalls.NONE);
    }

    /** As {@link #start(Config, String)}, telling {@code calls} how long each call into JavaScript took. */
    public static Scripts start(Config config, String version, ScriptCalls calls) {
        Scripts scripts = new Scripts(version, calls);
        scripts.configure(config);
        return scripts;
    }

    /**
     * Follows a reloaded config: when it names other scripts (or other settings for them), starts a host for them,
     * which the runtimes built from now on use; the old host closes once the requests using it are done.
     */
    public synchronized void configure(Config config) {
        ScriptSettings next = config.scripts();
        if (next.equals(settings)) {
            return;
        }
        ScriptHost old = host;
        closeWatch();
        settings = next;
        host = next.isEmpty() ? null : ScriptHost.start(next, config.resolved(), config.proxy(), version, calls);
        ScriptHost started = host;
        if (started != null) {
            watch = FileWatch.start("ccr-script-watch", "Script changes on disk", started.files(), started::reload);
        }
        if (old != null) {
            LOG.info("The config names other scripts; the old ones stop once their requests are done");
            old.retire();
        }
    }

    /** {@code router} with the custom router first, when one is configured (docs/ccr-checklist.md item 35). */
    public Router route(Router router) {
        ScriptHost now = host;
        if (now == null || now.settings().customRouter().isEmpty()) {
            return router;
        }
        return router.withCustomRouter(new JsRouterRule(now, now.settings().customRouter().get()));
    }

    /**
     * Registers every transformer name the providers use so that it resolves to a plugin of that name once the
     * plugins have loaded (or to the built-in, as before). Answers {@code registry}.
     */
    public TransformerRegistry register(TransformerRegistry registry, Iterable<Provider> providers) {
        ScriptHost now = host;
        if (now == null || now.settings().plugins().isEmpty()) {
            return registry;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Provider provider : providers) {
            provider.transformer().use().forEach(ref -> names.add(ref.name()));
            provider.transformer().byModel().values().forEach(chain -> chain.stream().map(TransformerRef::name).forEach(names::add));
        }
        for (String name : names) {
            registry.register(name, options -> new PluginSlot(now, name, options));
        }
        return registry;
    }

    private void closeWatch() {
        try {
            watch.close();
        } catch (Exception e) {
            // the watch is gone either way
        }
    }

    @Override
    public synchronized void close() {
        closeWatch();
        if (host != null) {
            host.close();
        }
    }
}
