package dev.ccr.script;

import dev.ccr.config.Config;
import dev.ccr.config.Provider;
import dev.ccr.config.TransformerRef;
import dev.ccr.routing.Router;
import dev.ccr.transform.TransformerRegistry;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JavaScript a config names, made part of ccr: the custom router becomes the first routing rule, and plugins
 * become transformers in the registry. The entry point of this package.
 *
 * <p>With no script configured this is {@link #NONE}, and GraalJS is never loaded: JS is an extension, never the
 * hot path by default. With scripts, they load in the background while the server starts.
 */
public final class Scripts implements AutoCloseable {
    /** No scripts: routing and transformers stay as they are. */
    public static final Scripts NONE = new Scripts(null);

    private final ScriptHost host;

    private Scripts(ScriptHost host) {
        this.host = host;
    }

    /** Starts the script host when {@code config} names a custom router or plugins; returns at once. */
    public static Scripts start(Config config, String version) {
        return start(config, version, ScriptCalls.NONE);
    }

    /** As {@link #start(Config, String)}, telling {@code calls} how long each call into JavaScript took. */
    public static Scripts start(Config config, String version, ScriptCalls calls) {
        if (config.scripts().isEmpty()) {
            return NONE;
        }
        return new Scripts(ScriptHost.start(config.scripts(), config.resolved(), config.proxy(), version, calls));
    }

    /** {@code router} with the custom router first, when one is configured (docs/ccr-checklist.md item 35). */
    public Router route(Router router) {
        if (host == null || host.settings().customRouter().isEmpty()) {
            return router;
        }
        return router.withCustomRouter(new JsRouterRule(host, host.settings().customRouter().get()));
    }

    /**
     * Registers every transformer name the providers use so that it resolves to a plugin of that name once the
     * plugins have loaded (or to the built-in, as before). Answers {@code registry}.
     */
    public TransformerRegistry register(TransformerRegistry registry, Iterable<Provider> providers) {
        if (host == null || host.settings().plugins().isEmpty()) {
            return registry;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Provider provider : providers) {
            provider.transformer().use().forEach(ref -> names.add(ref.name()));
            provider.transformer().byModel().values().forEach(chain -> chain.stream().map(TransformerRef::name).forEach(names::add));
        }
        for (String name : names) {
            registry.register(name, options -> new PluginSlot(host, name, options));
        }
        return registry;
    }

    @Override
    public void close() {
        if (host != null) {
            host.close();
        }
    }
}
