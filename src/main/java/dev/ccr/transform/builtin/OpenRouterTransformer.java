package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

import java.util.Locale;

/**
 * {@code ["openrouter", {...}]}: merges the options into the body (e.g. {@code {"provider": {"only": [...]}}}) and,
 * for models other than Claude, removes {@code cache_control} (spec §3.5). OpenRouter's reasoning deltas are read by
 * the stream converter without help.
 */
final class OpenRouterTransformer extends BodyRewrite {
    private final JsonNode options;

    OpenRouterTransformer(JsonNode options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "openrouter";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        if (!body.path("model").asText().toLowerCase(Locale.ROOT).contains("claude")) {
            CacheControl.strip(body);
        }
        if (options.isObject()) {
            options.properties().forEach(field -> body.set(field.getKey(), field.getValue().deepCopy()));
        }
    }
}
