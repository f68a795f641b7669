/**
 * The life of one request, in execution order: parse, route, plan the candidates, try them in turn each in its
 * provider's dialect, and write the answer back to the client (streamed event by event, or the upstream bytes
 * untouched when the dialects match). Start reading at {@link dev.ccr.pipeline.MessagesPipeline}: {@code handle} is
 * the outer half, {@code tryInTurn} reads each attempt's {@link dev.ccr.pipeline.AttemptOutcome} as a ladder, and
 * {@link dev.ccr.pipeline.Relay} is the one read-and-write loop both dialects use. {@code UpstreamErrors} words a
 * provider's failure as Claude Code can act on it (prompt too long, 429 and 529 with {@code retry-after});
 * Anthropic's own errors are relayed as they are. A server of Anthropic's dialect that is not Anthropic is sent the
 * request without what it refuses, and a refusal it names is remembered in {@code resilience}'s refusals and tried
 * once more without.
 *
 * <p>May use {@code client}, {@code routing}, {@code resilience}, {@code transform}, {@code upstream}, {@code wire},
 * {@code config} and {@code usage}, and {@link dev.ccr.observe.RequestListener} to tell its events; never sees the
 * HTTP server's types (it talks to {@link dev.ccr.client.ClientRequest} and {@link dev.ccr.client.ClientResponse}).
 * Failures the client should see are {@link dev.ccr.client.ApiException}s. Nothing here returns null.
 */
package dev.ccr.pipeline;
