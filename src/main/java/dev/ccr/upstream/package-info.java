/**
 * Upstream calls: one JDK {@link java.net.http.HttpClient} per config (proxy, connect timeout), requests sent
 * blocking on the caller's (virtual) thread, response bodies read as streams, every call cancellable and bounded by a
 * total deadline.
 *
 * <p>May use {@code config}. Nothing here returns null.
 */
package dev.ccr.upstream;
