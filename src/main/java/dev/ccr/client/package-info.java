/**
 * The client's side of an exchange, as every room sees it: its request as read ({@link dev.ccr.client.ClientRequest}),
 * where its answer goes ({@link dev.ccr.client.ClientResponse}), and the error it gets, always in Anthropic's shape
 * ({@link dev.ccr.client.ApiError}, thrown as {@link dev.ccr.client.ApiException}). The server implements the first
 * two over Undertow; the pipeline, the observers and the client-key limits only read them.
 *
 * <p>May use {@code routing} (the routed target a client key may be refused) and {@code wire} (the error's shape).
 * Nothing here returns null.
 */
package dev.ccr.client;
