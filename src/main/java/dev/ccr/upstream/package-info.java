/**
 * Upstream calls: one OkHttp client per config (proxy, connect timeout, a pool of kept-alive connections whose cleanup
 * runs on a timer, {@link dev.ccr.upstream.UnhurriedPoolCleanup}), requests sent blocking on the caller's (virtual)
 * thread, response bodies read as streams, every call cancellable and bounded by a total deadline. Why a call was
 * cancelled is a type ({@link dev.ccr.upstream.Cancellation.Reason}: the client left, or which deadline passed);
 * {@link dev.ccr.upstream.RetryAfter} reads the header where HTTP lives.
 *
 * <p>May use {@code config}. Nothing here returns null.
 */
package dev.ccr.upstream;
