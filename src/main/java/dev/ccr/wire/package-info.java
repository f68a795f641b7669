/**
 * Wire formats and the pure converters between them: the Anthropic Messages API on the client side, OpenAI chat
 * completions on the provider side, and server-sent events for both. Clients of other dialects (OpenAI chat,
 * Responses, Gemini) are converted into Anthropic requests and their answers back, with chat form as the hub: each
 * dialect package converts to and from chat, and {@code openai} between chat and Anthropic in both directions. A
 * client's request that cannot be converted is a {@link dev.ccr.wire.BadRequestException}.
 *
 * <p>Everything here is a function over Jackson trees or bytes: no server, no sockets, no logging, and
 * the current time only through an {@code InstantSource} argument (the system's when none is given). The
 * package may use Jackson and the JDK only, and nothing else of ccr may be reached from it (ArchitectureTest).
 *
 * <p>The streaming contract is {@link dev.ccr.wire.StreamConverter}: one upstream event in, zero or more client events
 * out through an {@link dev.ccr.wire.EventSink}, with the closing events emitted in {@code atEnd}. Converters never
 * hold output back, so the caller can flush after every upstream read.
 *
 * <p>Null default: parameters and return values are never null unless a parameter says so. Absent JSON fields are
 * read as missing nodes, never as Java nulls.
 */
package dev.ccr.wire;
