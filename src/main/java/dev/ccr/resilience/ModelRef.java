package dev.ccr.resilience;

import java.util.Objects;

/** A provider and model, the unit health is tracked for. Written {@code provider,model}. */
public record ModelRef(String provider, String model) {
    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** Parses {@code provider,model} (split at the first comma), or returns null for anything else. */
    public static ModelRef parseOrNull(String route) {
        int comma = route == null ? -1 : route.indexOf(',');
        return comma <= 0 ? null : new ModelRef(route.substring(0, comma).trim(), route.substring(comma + 1).trim());
    }

    @Override
    public String toString() {
        return provider + "," + model;
    }
}
