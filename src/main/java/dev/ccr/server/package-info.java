/**
 * The HTTP server: Undertow setup with every route in one place ({@link dev.ccr.server.CcrServer}), authentication
 * and CORS, the body limit, and the one place errors are written to clients, each in its client's shape
 * ({@code ErrorShape}). Undertow types never leave this package.
 *
 * <p>Clients of other dialects (OpenAI chat, OpenAI Responses, Gemini) have endpoints of their own that convert their
 * request into an Anthropic one, hand it to the same pipeline, and convert the answer back as it is written
 * ({@code InboundCall}, {@code ConvertingResponse}); the pipeline never knows.
 *
 * <p>May use {@code pipeline}, {@code config}, {@code usage}, {@code metrics} and {@code wire} (the converters).
 * Nothing here returns null.
 */
package dev.ccr.server;
