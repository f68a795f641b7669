package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/** {@code ["customparams", {...}]}: adds missing keys and deep-merges objects; never overrides a value the request has. */
final class CustomParamsTransformer extends BodyRewrite {
    private final JsonNode params;

    CustomParamsTransformer(JsonNode params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "customparams";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        if (params.isObject()) {
            merge(body, (ObjectNode) params);
        }
    }

    private static void merge(ObjectNode target, ObjectNode extra) {
        extra.properties().forEach(field -> {
            JsonNode existing = target.get(field.getKey());
            if (existing == null || existing.isNull()) {
                target.set(field.getKey(), field.getValue().deepCopy());
            } else if (existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue());
            }
        });
    }
}
