package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

import java.util.List;

/** {@code ["sampling", {...}]}: caps {@code max_tokens} and overwrites the sampling fields the options define. */
final class SamplingTransformer extends BodyRewrite {
    private static final List<String> OVERWRITTEN = List.of("temperature", "top_p", "top_k", "repetition_penalty");
    private final JsonNode options;

    SamplingTransformer(JsonNode options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "sampling";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        if (options.path("max_tokens").isNumber()) {
            MaxTokenTransformer.capMaxTokens(body, options.get("max_tokens").asLong());
        }
        for (String field : OVERWRITTEN) {
            if (options.hasNonNull(field)) {
                body.set(field, options.get(field));
            }
        }
    }
}
