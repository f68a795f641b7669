package dev.ccr.routing;

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

    @Override
    public String toString() {
        return provider + "," + model;
    }
}
