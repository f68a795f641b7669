package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** One entry of a transformer chain: {@code "name"} or {@code ["name", {options}]} (docs/configuration.md). */
public record TransformerRef(String name, JsonNode options) {
    public TransformerRef {
        java.util.Objects.requireNonNull(name, "name");
        options = options == null ? MissingNode.getInstance() : options;
    }

    public static TransformerRef named(String name) {
        return new TransformerRef(name, MissingNode.getInstance());
    }
}
