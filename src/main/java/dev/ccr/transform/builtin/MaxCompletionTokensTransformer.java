package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/** {@code maxcompletiontokens}: renames {@code max_tokens} to {@code max_completion_tokens} (OpenAI's newer models). */
final class MaxCompletionTokensTransformer extends BodyRewrite {
    @Override
    public String name() {
        return "maxcompletiontokens";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        if (body.has("max_tokens")) {
            body.set("max_completion_tokens", body.remove("max_tokens"));
        }
    }
}
