package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token counts reported by an OpenAI-compatible provider, and their Anthropic form.
 *
 * @param prompt {@code prompt_tokens}, cached ones included
 * @param completion {@code completion_tokens}
 * @param cached {@code prompt_tokens_details.cached_tokens}, or DeepSeek's {@code prompt_cache_hit_tokens}
 */
record TokenUsage(long prompt, long completion, long cached) {

    static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    /** Reads an OpenAI {@code usage} object; absent or null fields count as zero. */
    static TokenUsage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        if (cached == 0) {
            cached = usage.path("prompt_cache_hit_tokens").asLong(0);
        }
        return new TokenUsage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0), cached);
    }

    /**
     * Merges a later report field by field: a zero never erases a value reported earlier (docs/ccr-checklist.md item
     * 11).
     */
    TokenUsage mergedWith(TokenUsage later) {
        return new TokenUsage(
                later.prompt > 0 ? later.prompt : prompt,
                later.completion > 0 ? later.completion : completion,
                later.cached > 0 ? later.cached : cached);
    }

    /**
     * Writes Anthropic's usage: {@code input_tokens} excludes cache reads, as Anthropic counts them
     * (docs/ccr-checklist.md item 9).
     *
     * @param estimatedInput the input tokens to report when the provider reported none
     */
    ObjectNode toAnthropic(long estimatedInput) {
        ObjectNode u = Json.object();
        u.put("input_tokens", prompt > 0 ? Math.max(0, prompt - cached) : estimatedInput);
        u.put("output_tokens", completion);
        u.put("cache_read_input_tokens", cached);
        return u;
    }
}
