package dev.ccr.routing;

/**
 * The usage the previous answer in a session reported (docs/ccr-checklist.md item 31), as the long-context rule reads
 * it.
 *
 * @param inputTokens         Anthropic {@code input_tokens}: net of cache reads
 */
public record LastUsage(long inputTokens, long cacheReadInputTokens, long cacheCreationInputTokens) {
    /**
     * The whole prompt the previous answer saw. CCR compares {@code input_tokens} alone (pitfall P-21), which with
     * prompt caching is a few tokens, so its rule never fires; ccr counts cached tokens too, as the CCR fork does.
     */
    public long promptTokens() {
        return inputTokens + cacheReadInputTokens + cacheCreationInputTokens;
    }
}
