package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/**
 * {@code ["reasoning", {"enable": true}]} (docs/compatibility.md, Transformers): for servers that switch thinking with
 * {@code thinking} / {@code enable_thinking}. When the request asks for {@code reasoning}:
 * {@code thinking:{type:"enabled"}} (with {@code budget_tokens} from {@code reasoning.max_tokens} when given) and
 * {@code enable_thinking:true}. With {@code enable:false}, always {@code thinking:{type:"disabled", budget_tokens:-1}}
 * and {@code enable_thinking:false}. {@code reasoning} itself is left in the body, as CCR does. Reasoning in the answer
 * is converted natively.
 */
final class ReasoningTransformer extends BodyRewrite {
    private final boolean enable;

    ReasoningTransformer(JsonNode options) {
        JsonNode flag = options.path("enable");
        // CCR: options.enable ?? true, then used for its truthiness.
        this.enable = flag.isMissingNode() || flag.isNull() || flag.asBoolean(!flag.asText().isEmpty());
    }

    @Override
    public String name() {
        return "reasoning";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        if (!enable) {
            body.putObject("thinking").put("type", "disabled").put("budget_tokens", -1);
            body.put("enable_thinking", false);
            return;
        }
        JsonNode reasoning = body.get("reasoning");
        if (reasoning != null && !reasoning.isNull() && !(reasoning.isBoolean() && !reasoning.asBoolean())) {
            ObjectNode thinking = body.putObject("thinking").put("type", "enabled");
            if (reasoning.path("max_tokens").isNumber()) {
                thinking.set("budget_tokens", reasoning.get("max_tokens"));
            }
            body.put("enable_thinking", true);
        }
    }
}
