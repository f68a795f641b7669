package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

import java.util.Locale;

/**
 * {@code ["openrouter", {...}]} and {@code ["vercel", {...}]}, for model gateways (docs/ccr-checklist.md item 60): for
 * models other than Claude, {@code cache_control} is removed; the options are then merged into the body (e.g.
 * {@code {"provider": {"only": [...]}}} or {@code {"providerOptions": {...}}}). Their reasoning deltas are read by the
 * stream converter without help.
 */
final class GatewayTransformer extends BodyRewrite {
    private final String name;
    private final JsonNode options;

    GatewayTransformer(String name, JsonNode options) {
        this.name = name;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
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
