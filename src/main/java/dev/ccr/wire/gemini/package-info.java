/**
 * Conversion between OpenAI chat completions (ccr's provider-side form) and Google's Gemini {@code generateContent}
 * API, for the built-in {@code gemini} transformer: the request going out ({@link dev.ccr.wire.gemini.ChatToGeminiRequest}),
 * a whole answer coming back ({@link dev.ccr.wire.gemini.GeminiToChatResponse}) and a streamed answer coming back
 * ({@link dev.ccr.wire.gemini.GeminiToChatStream}). Behaviour follows CCR 2.0.0's {@code gemini} transformer with the
 * differences listed in each class and in docs/compatibility.md (Transformers).
 *
 * <p>The other direction, for clients of ccr's {@code /v1beta/models/{model}:generateContent} (Gemini CLI, the Gen AI
 * SDKs): their request into chat form ({@link dev.ccr.wire.gemini.GeminiToChatRequest}), a whole chat answer into a
 * {@code GenerateContentResponse} ({@link dev.ccr.wire.gemini.ChatToGeminiResponse}), a chat stream into its pieces
 * ({@link dev.ccr.wire.gemini.ChatToGeminiStream}), and errors in Google's shape
 * ({@link dev.ccr.wire.gemini.GeminiError}).
 *
 * <p>Pure functions over Jackson trees: no I/O, no state beyond one stream's. Null default: no parameter or result is
 * null.
 */
package dev.ccr.wire.gemini;
