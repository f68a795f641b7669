/**
 * Resilience: which candidates a request tries, in which order, and what each failure teaches. A
 * {@link dev.ccr.resilience.FallbackPlanner} turns a routed model into a plan (a promoted fallback, the primary, the
 * configured fallbacks, open circuits skipped); {@link dev.ccr.resilience.ProviderHealth} keeps a
 * {@link dev.ccr.resilience.CircuitBreaker} per provider and model; {@link dev.ccr.resilience.Promotions} remembers
 * fallbacks that worked. All timing comes from an injected clock.
 *
 * <p>May use {@code config}. Decisions here never touch HTTP. Nothing here returns null.
 */
package dev.ccr.resilience;
