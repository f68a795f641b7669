package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/**
 * {@code noreasoning} (ccr's own): removes {@code reasoning} and {@code reasoning_effort}, for strict servers and
 * non-reasoning models that reject them. Claude Code asks for adaptive thinking on every main request, so without this
 * every request to such a provider would carry them (CCR users write plugins for this, pitfall P-10).
 */
final class NoReasoningTransformer extends BodyRewrite {
    @Override
    public String name() {
        return "noreasoning";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        body.remove("reasoning");
        body.remove("reasoning_effort");
    }
}
