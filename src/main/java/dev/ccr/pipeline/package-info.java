/**
 * The life of one request, in execution order: parse, route, pick the provider, call it in its dialect, and write the
 * answer back to the client (streamed event by event, or the upstream bytes untouched when the dialects match).
 * Start reading at {@link dev.ccr.pipeline.MessagesPipeline}.
 *
 * <p>May use {@code routing}, {@code upstream}, {@code wire}, {@code config} and {@code usage}; never sees the HTTP
 * server's types (it talks to {@link dev.ccr.client.ClientRequest} and {@link dev.ccr.client.ClientResponse}).
 * Failures the client should see are {@link dev.ccr.client.ApiException}s. Nothing here returns null.
 */
package dev.ccr.pipeline;

import dev.ccr.client.ClientRequest;
import dev.ccr.client.ClientResponse;
import dev.ccr.client.ApiException;
