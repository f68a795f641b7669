/**
 * Conversion between the Anthropic Messages API (what Claude Code speaks) and OpenAI chat completions (what most
 * providers speak), in the three places a request's life needs it: the request going out
 * ({@link dev.ccr.wire.openai.AnthropicToChatRequest}), a whole answer coming back
 * ({@link dev.ccr.wire.openai.ChatToAnthropicResponse}) and a streamed answer coming back
 * ({@link dev.ccr.wire.openai.ChatToAnthropicStream}). The behaviour follows CCR 2.0.0 (docs/ccr-checklist.md,
 * sections A and B) with the corrections listed in each class's Javadoc and in docs/compatibility.md (Wire conversion).
 *
 * <p>The other direction, for clients that speak OpenAI chat (or reach it through the Responses and Gemini
 * conversions): {@link dev.ccr.wire.openai.ChatToAnthropicRequest} for their request (media through
 * {@link dev.ccr.wire.openai.MediaBlocks}); their answer is {@code dev.ccr.wire.anthropic}'s, with
 * {@link dev.ccr.wire.openai.UsageChunkLast} putting a stream's usage where OpenAI does; their errors are
 * {@link dev.ccr.wire.openai.OpenAiError}.
 *
 * <p>Data model. Requests and answers are Jackson trees at the boundary, because transformers edit them as trees.
 * Inside, Anthropic content blocks are read into the sealed {@code AnthropicBlock} (text, image, tool use, tool
 * result, thinking, or unknown with its raw JSON), so a new block type is a compile error in every switch. On the
 * OpenAI side ccr reads: {@code choices[0].message|delta} with {@code content}, {@code tool_calls},
 * {@code reasoning_content} or {@code reasoning}, CCR's {@code thinking {content, signature}} extension and
 * {@code annotations}; {@code finish_reason}; {@code usage} with {@code prompt_tokens_details.cached_tokens}; and an
 * {@code error} object in place of a chunk.
 *
 * <p>Uses Jackson and {@code dev.ccr.wire} only. Null default: no parameter or result is null; an absent JSON field
 * is a missing node.
 */
package dev.ccr.wire.openai;
