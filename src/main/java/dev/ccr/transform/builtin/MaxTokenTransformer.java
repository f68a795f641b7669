package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/** {@code ["maxtoken", {"max_tokens": N}]}: caps {@code max_tokens} at N, leaving smaller values alone. */
final class MaxTokenTransformer extends BodyRewrite {
    private final long cap;
    private final String name;

    MaxTokenTransformer(String name, long cap) {
        this.name = name;
        this.cap = cap;
    }

    static MaxTokenTransformer fromOptions(JsonNode options) {
        return new MaxTokenTransformer("maxtoken", options.path("max_tokens").asLong(Long.MAX_VALUE));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        capMaxTokens(body, cap);
    }

    static void capMaxTokens(ObjectNode body, long cap) {
        if (body.path("max_tokens").isNumber() && body.get("max_tokens").asLong() > cap) {
            body.put("max_tokens", cap);
        }
    }
}
