package dev.ccr.usage;

/** Tokens an answer used, in Anthropic's terms ({@code input_tokens} excludes cache reads). */
public record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheCreationInputTokens) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    /** Field-wise merge where a later zero never erases an earlier non-zero value. */
    public Usage merge(Usage later) {
        return new Usage(
                later.inputTokens != 0 ? later.inputTokens : inputTokens,
                later.outputTokens != 0 ? later.outputTokens : outputTokens,
                later.cacheReadInputTokens != 0 ? later.cacheReadInputTokens : cacheReadInputTokens,
                later.cacheCreationInputTokens != 0 ? later.cacheCreationInputTokens : cacheCreationInputTokens);
    }

    /** Reads an Anthropic {@code usage} object; absent fields are 0. */
    public static Usage fromAnthropic(com.fasterxml.jackson.databind.JsonNode usage) {
        return new Usage(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0),
                usage.path("cache_read_input_tokens").asLong(0), usage.path("cache_creation_input_tokens").asLong(0));
    }
}
