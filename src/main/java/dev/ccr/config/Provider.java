package dev.ccr.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One upstream provider from {@code Providers[]} (docs/configuration.md): where to send requests, with which key, which
 * models it serves and how its requests are transformed.
 *
 * @param apiBaseUrl the full endpoint URL, used verbatim
 * @param apiKey     empty for keyless local servers (then no {@code Authorization} header is sent)
 */
public record Provider(String name, URI apiBaseUrl, String apiKey, List<String> models, TransformerSpec transformer) {
    public Provider {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        apiKey = apiKey == null ? "" : apiKey;
        models = List.copyOf(models);
        transformer = transformer == null ? TransformerSpec.NONE : transformer;
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
