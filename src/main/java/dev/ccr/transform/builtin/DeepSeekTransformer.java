package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/**
 * {@code deepseek}: caps {@code max_tokens} at DeepSeek's 8192 (docs/ccr-checklist.md item 59). Its
 * {@code reasoning_content} deltas become thinking blocks in the stream converter itself, so nothing is needed on the
 * way back.
 */
final class DeepSeekTransformer extends BodyRewrite {
    /** DeepSeek's chat API refuses larger values. */
    static final long MAX_TOKENS = 8192;

    @Override
    public String name() {
        return "deepseek";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        MaxTokenTransformer.capMaxTokens(body, MAX_TOKENS);
    }
}
