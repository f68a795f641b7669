package dev.ccr.routing;

import dev.ccr.config.Config;
import dev.ccr.config.Provider;

import java.util.Objects;
import java.util.Optional;

/** Where a request goes: a provider name and the model name that provider expects. Written {@code provider,model}. */
public record Target(String provider, String model) {
    public Target {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** Splits {@code "provider,model"} at the first comma (the model may itself contain commas), as CCR does. */
    public static Optional<Target> parse(String route) {
        if (route == null) {
            return Optional.empty();
        }
        int comma = route.indexOf(',');
        if (comma <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Target(route.substring(0, comma).trim(), route.substring(comma + 1).trim()));
    }

    /**
     * This target spelled as configured: the provider and model matched ignoring case. An unknown provider or model
     * stays as written, so the failure that follows names what was asked for. (CCR canonicalises only names typed in
     * lower case, pitfall P-5; ccr matches any case.)
     */
    public Target canonicalIn(Config config) {
        Optional<Provider> match = config.provider(provider);
        return match.map(p -> new Target(p.name(), p.canonicalModel(model).orElse(model))).orElse(this);
    }

    @Override
    public String toString() {
        return provider + "," + model;
    }
}
