/**
 * Upstream calls: one OkHttp client per config (proxy, connect timeout, a pool of kept-alive connections), requests
 * sent blocking on the caller's (virtual) thread, response bodies read as streams, every call cancellable and bounded by a
 * total deadline.
 *
 * <p>May use {@code config}. Nothing here returns null.
 */
package dev.ccr.upstream;
