package dev.ccr.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One upstream provider from {@code Providers[]} (docs/configuration.md): where to send requests, with which key, which
 * models it serves and how its requests are transformed.
 *
 * @param apiBaseUrl the full endpoint URL, used verbatim
 * @param apiKey      empty for keyless local servers (then no {@code Authorization} header is sent)
 * @param limits      the provider's {@code limits} for all its models (docs/configuration.md)
 * @param modelLimits {@code limits.models}: one model's own figures, by model name
 */
public record Provider(String name, URI apiBaseUrl, String apiKey, List<String> models, TransformerSpec transformer,
                       ModelLimits limits, Map<String, ModelLimits> modelLimits) {
    public Provider {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        apiKey = apiKey == null ? "" : apiKey;
        models = List.copyOf(models);
        transformer = transformer == null ? TransformerSpec.NONE : transformer;
        limits = limits == null ? ModelLimits.UNKNOWN : limits;
        modelLimits = Map.copyOf(modelLimits);
    }

    /**
     * The output cap and context window of {@code model} on this provider, each figure from the most specific place
     * that has one: the model's own {@code limits.models} entry, a {@code [1m]} suffix (a 1M window), the provider's
     * {@code limits}, then ccr's figures for well-known models ({@link KnownModels}).
     */
    public ModelLimits limitsOf(String model) {
        String base = ModelLimits.withoutExtendedSuffix(model);
        ModelLimits own = modelLimit(model).orElse(modelLimit(base));
        ModelLimits extended = ModelLimits.asksForExtendedWindow(model)
                ? ModelLimits.window(ModelLimits.EXTENDED_WINDOW, "'" + model + "' asks for a 1M window with [1m]")
                : ModelLimits.UNKNOWN;
        return own.orElse(extended).orElse(limits).orElse(KnownModels.of(base));
    }

    private ModelLimits modelLimit(String model) {
        return modelLimits.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(model)).map(Map.Entry::getValue)
                .findFirst().orElse(ModelLimits.UNKNOWN);
    }

    /** The model as this provider spells it, matched case-insensitively. */
    public Optional<String> canonicalModel(String model) {
        return models.stream().filter(m -> m.equalsIgnoreCase(model)).findFirst();
    }

    /** Never prints the key: records print every field, and provider objects end up in log lines. */
    @Override
    public String toString() {
        return "Provider[name=" + name + ", apiBaseUrl=" + apiBaseUrl + ", models=" + models + "]";
    }
}
