package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.transform.TransformerRegistry;
import dev.ccr.transform.builtin.Builtins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A transformer name from a provider's chain, resolved once the plugins are loaded: the plugin of that name if one
 * loaded (a plugin replaces a built-in of the same name, as in CCR), else the built-in, else nothing (the step only
 * proceeds, and a warning says so once). Plugins load in the background, so the first requests wait here for them.
 */
final class PluginSlot implements Transformer {
    private static final Logger LOG = LoggerFactory.getLogger(PluginSlot.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final TransformerRegistry BUILTINS = Builtins.registry();

    private final ScriptHost host;
    private final String name;
    private final JsonNode options;

    PluginSlot(ScriptHost host, String name, JsonNode options) {
        this.host = host;
        this.name = name;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProviderResponse transform(Chain chain) throws IOException {
        return resolve().transform(chain);
    }

    private Transformer resolve() {
        Optional<PluginInfo> plugin = host.awaitLoad(JsLoop.LOAD_SLICE_LIMIT)
                .flatMap(report -> Optional.ofNullable(report.pluginsByName().get(name)));
        if (plugin.isPresent()) {
            if (!options.isMissingNode() && WARNED.add("options:" + name)) {
                LOG.warn("Options given with [\"{}\", {...}] in a provider chain are ignored: plugins take their options "
                        + "from transformers[].options (as in CCR, where this form fails)", name);
            }
            return new JsPluginTransformer(host, plugin.get());
        }
        return BUILTINS.create(name, options).orElseGet(() -> {
            if (WARNED.add(name)) {
                LOG.warn("Transformer '{}' is neither built in nor a loaded plugin; it is skipped", name);
            }
            return new Skip(name);
        });
    }

    /** A step that changes nothing. */
    private record Skip(String name) implements Transformer {
        @Override
        public ProviderResponse transform(Chain chain) throws IOException {
            return chain.proceed(chain.request());
        }
    }
}
