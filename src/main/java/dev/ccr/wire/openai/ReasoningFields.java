package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps Anthropic's {@code thinking} and {@code output_config.effort} to OpenAI-side reasoning fields; the rule is
 * stated in {@link AnthropicToChatRequest}.
 */
final class ReasoningFields {

    private ReasoningFields() {}

    static void apply(JsonNode thinking, JsonNode outputConfig, ObjectNode out) {
        switch (thinking.path("type").asText("")) {
            case "enabled" -> out.set("reasoning", reasoning(levelOfBudget(thinking.get("budget_tokens"))));
            case "adaptive" -> {
                String effort = effort(outputConfig.path("effort").asText(""));
                // Anthropic's default effort is high; CCR's budget rule gives "high" for a missing budget too.
                out.set("reasoning", reasoning(effort == null ? "high" : effort));
                if (effort != null) {
                    out.put("reasoning_effort", effort);
                }
            }
            default -> { } // "disabled", absent or unknown: thinking is off, so nothing a strict server could reject
        }
    }

    /**
     * CCR's {@code getThinkLevel} (docs/ccr-checklist.md item 23): the budget tiers, with a missing budget as "high".
     */
    static String levelOfBudget(JsonNode budget) {
        if (budget == null || !budget.isNumber()) {
            return "high";
        }
        long b = budget.asLong();
        if (b <= 0) {
            return "none";
        }
        if (b <= 1024) {
            return "low";
        }
        return b <= 8192 ? "medium" : "high";
    }

    /** Anthropic effort → OpenAI {@code reasoning_effort}; "xhigh" and "max" have no OpenAI peer every server accepts. */
    private static String effort(String anthropicEffort) {
        return switch (anthropicEffort) {
            case "low", "medium", "high" -> anthropicEffort;
            case "xhigh", "max" -> "high";
            default -> null;
        };
    }

    private static ObjectNode reasoning(String effort) {
        ObjectNode r = Json.object();
        r.put("effort", effort);
        r.put("enabled", true);
        return r;
    }
}
