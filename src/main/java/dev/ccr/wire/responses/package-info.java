/**
 * Conversion between OpenAI chat completions (ccr's provider-side form) and OpenAI's Responses API
 * ({@code /v1/responses}), for the built-in {@code openai-responses} transformer: the request going out
 * ({@link dev.ccr.wire.responses.ChatToResponsesRequest}), a whole answer coming back
 * ({@link dev.ccr.wire.responses.ResponsesToChatResponse}) and a streamed answer coming back
 * ({@link dev.ccr.wire.responses.ResponsesToChatStream}). Behaviour follows CCR 2.0.0's {@code openai-responses}
 * transformer with the differences listed in each class and in docs/compatibility.md (Transformers).
 *
 * <p>The other direction, for clients of ccr's {@code POST /v1/responses} (Codex, the OpenAI SDKs): their request into
 * chat form ({@link dev.ccr.wire.responses.ResponsesToChatRequest}), a whole chat answer into a {@code response}
 * ({@link dev.ccr.wire.responses.ChatToResponsesResponse}) and a chat stream into Responses events
 * ({@link dev.ccr.wire.responses.ChatToResponsesStream}).
 *
 * <p>Pure functions over Jackson trees: no I/O, no state beyond one stream's. Null default: no parameter or result is
 * null.
 */
package dev.ccr.wire.responses;
