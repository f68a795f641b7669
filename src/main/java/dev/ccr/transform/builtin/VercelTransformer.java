package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

import java.util.Locale;

/**
 * {@code ["vercel", {...}]} (spec §3.5): the Vercel AI Gateway counterpart of {@code openrouter}. For models other
 * than Claude, {@code cache_control} is removed; the options are then merged into the body (e.g.
 * {@code {"providerOptions": {...}}}). Its reasoning deltas are read by the stream converter without help.
 */
final class VercelTransformer extends BodyRewrite {
    private final JsonNode options;

    VercelTransformer(JsonNode options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "vercel";
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
