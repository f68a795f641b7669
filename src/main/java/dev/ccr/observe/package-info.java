/**
 * Observation of requests: the {@link dev.ccr.observe.RequestListener} interface the pipeline tells its events to
 * (okhttp's {@code EventListener} shape: paired events, a {@code NONE}, a per-request factory, composed with
 * {@code Factory.compose}), and the listeners side by side: the access log, the usage records, the session's last
 * usage (read by long-context routing), the token-speed files; and {@link dev.ccr.observe.BreakerLog}, which logs
 * breaker changes. Metrics, quotas and client-key limits implement the interface in their own packages.
 *
 * <p>May use {@code client}, {@code routing}, {@code resilience}, {@code usage} and {@code config}; never the pipeline,
 * the server or the composition root. Nothing here returns null.
 */
package dev.ccr.observe;
