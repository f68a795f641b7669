package dev.ccr.transform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes transformers by name: whatever is registered, the built-ins first ({@code builtin.Builtins.registry()}), then
 * JS plugins. A name registered later
 * replaces an earlier one, as a CCR plugin can replace a built-in (docs/plugins.md).
 */
public final class TransformerRegistry {
    // Plugins register from the background loader while requests look names up.
    private final Map<String, Function<JsonNode, Transformer>> factories = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Registers {@code factory}, which gets the options of a {@code ["name", {options}]} entry (missing otherwise). */
    public TransformerRegistry register(String name, Function<JsonNode, Transformer> factory) {
        factories.put(name, factory);
        return this;
    }

    public Optional<Transformer> create(String name, JsonNode options) {
        return Optional.ofNullable(factories.get(name)).map(f -> f.apply(options));
    }

    /** The registered names, in registration order (a copy). */
    public java.util.List<String> names() {
        synchronized (factories) {
            return java.util.List.copyOf(factories.keySet());
        }
    }
}
