package dev.ccr.wire.openai;

/**
 * Chooses how faithfully {@link AnthropicToChatRequest} carries Anthropic-only fields that strict OpenAI-compatible
 * servers reject.
 *
 * @param keepCacheControl copy {@code cache_control} onto system parts, user text parts and tool messages, as CCR
 *     does; off by default because strict servers reject the unknown field
 * @param keepImageMediaType add {@code media_type} next to {@code image_url}, as CCR does; off by default for the
 *     same reason (the media type is already in the data URL)
 * @param includeStreamUsage ask streaming calls for a final usage chunk with {@code stream_options.include_usage},
 *     so Claude Code sees token counts (P-9 in docs/compatibility.md); on by default
 * @param keepUnsignedThinking carry an assistant {@code thinking} block back upstream even without a signature (the
 *     fork's behaviour); off by default, as in CCR, because only providers that sign their reasoning need it
 */
public record ChatRequestOptions(
        boolean keepCacheControl,
        boolean keepImageMediaType,
        boolean includeStreamUsage,
        boolean keepUnsignedThinking) {

    public ChatRequestOptions(boolean keepCacheControl, boolean keepImageMediaType, boolean includeStreamUsage) {
        this(keepCacheControl, keepImageMediaType, includeStreamUsage, false);
    }

    /**
     * These options for a request to {@code model}: a Claude model (its name contains {@code claude}, as
     * {@code anthropic/claude-sonnet-4.5} on OpenRouter) keeps its {@code cache_control} marks, because the gateways
     * that serve Claude over OpenAI chat (OpenRouter, Vercel, LiteLLM) pass them to Anthropic and prompt caching
     * depends on them. CCR sends them to every model; the {@code openrouter} and {@code vercel} transformers still
     * strip them for other models.
     */
    public ChatRequestOptions forModel(String model) {
        boolean claude = model != null && model.toLowerCase(java.util.Locale.ROOT).contains("claude");
        return claude && !keepCacheControl
                ? new ChatRequestOptions(true, keepImageMediaType, includeStreamUsage, keepUnsignedThinking)
                : this;
    }

    /** Strict-server-safe defaults: no {@code cache_control}, no {@code media_type}, stream usage requested. */
    public static ChatRequestOptions defaults() {
        return new ChatRequestOptions(false, false, true, false);
    }
}
