/**
 * Resilience: which candidates a request tries, in which order, and what each failure teaches. A
 * {@link dev.ccr.resilience.FallbackPlanner} turns a routed model into a plan (a promoted fallback, the primary, the
 * configured fallbacks, open circuits skipped); {@link dev.ccr.resilience.ProviderHealth} keeps a
 * {@link dev.ccr.resilience.CircuitBreaker} per provider and model; {@link dev.ccr.resilience.Promotions} remembers
 * fallbacks that worked; {@link dev.ccr.resilience.Refusals} remembers the request fields and beta flags each provider
 * said it refuses; {@link dev.ccr.resilience.Resilience} holds them for one config. Breaker changes are
 * told to a {@link dev.ccr.resilience.BreakerListener} (the log, metrics) and, in a team, to a
 * {@link dev.ccr.resilience.ResilienceSharing}. All timing comes from an injected clock.
 *
 * <p>May use {@code config}. Decisions here never touch HTTP. Nothing here returns null.
 */
package dev.ccr.resilience;
