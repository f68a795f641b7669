package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.ModelLimits;

/**
 * A fallback's own output cap. Routing fits {@code max_tokens} to the routed model (docs/routing.md); a fallback
 * candidate may cap its output lower, and would refuse the request with a 400 that no other candidate could fix.
 */
final class OutputCap {
    private OutputCap() {
    }

    /** {@code body}, or a copy with {@code max_tokens} (and an enabled thinking budget) lowered to fit {@code limits}. */
    static ObjectNode fitted(ObjectNode body, ModelLimits limits) {
        JsonNode asked = body.path("max_tokens");
        if (limits.maxOutputTokens().isEmpty() || !asked.isIntegralNumber()
                || asked.longValue() <= limits.maxOutputTokens().get().tokens()) {
            return body;
        }
        long cap = limits.maxOutputTokens().get().tokens();
        ObjectNode copy = body.deepCopy();
        copy.put("max_tokens", cap);
        JsonNode budget = copy.path("thinking").path("budget_tokens");
        if (budget.isIntegralNumber() && budget.longValue() >= cap) {
            // A budget must stay below max_tokens; half of it, as routing lowers it.
            ((ObjectNode) copy.get("thinking")).put("budget_tokens", cap / 2);
        }
        return copy;
    }
}
