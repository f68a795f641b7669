package dev.ccr.wire.openai;

/** Maps an OpenAI {@code finish_reason} to an Anthropic {@code stop_reason} (docs/ccr-checklist.md item 8). */
final class StopReasons {

    private StopReasons() {}

    static String of(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "stop_sequence"; // CCR's choice; Anthropic has no closer reason
            default -> "end_turn";
        };
    }
}
