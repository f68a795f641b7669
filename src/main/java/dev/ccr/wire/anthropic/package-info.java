/**
 * Anthropic Messages shapes that are not the client-side conversion to OpenAI chat: turning a complete message into
 * the event stream a streaming client expects, what Anthropic-dialect providers other than Anthropic are sent, and
 * the answer of a provider that speaks Anthropic behind a transformer ({@code vertex-claude}) turned into OpenAI
 * chat form ({@link dev.ccr.wire.anthropic.AnthropicToChatResponse}, {@link dev.ccr.wire.anthropic.AnthropicToChatStream}).
 *
 * <p>Uses Jackson only. Nothing here returns null.
 */
package dev.ccr.wire.anthropic;
