package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/** {@code groq}: removes {@code cache_control} and the {@code $schema} key Groq rejects in tool parameters. */
final class GroqTransformer extends BodyRewrite {
    @Override
    public String name() {
        return "groq";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        CacheControl.strip(body);
        for (JsonNode tool : body.path("tools")) {
            JsonNode parameters = tool.path("function").path("parameters");
            if (parameters.isObject()) {
                ((ObjectNode) parameters).remove("$schema");
            }
        }
    }
}
