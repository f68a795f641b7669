/**
 * Shared state: what a team's ccr instances tell each other through Redis ({@code "STATE": {"redis": "redis://..."}}),
 * behind the interfaces the embedded state already has. {@link dev.ccr.shared.RedisState} owns the connection, notices
 * when Redis goes away (the instances then serve on their local state) and resynchronises when it is back;
 * {@link dev.ccr.shared.SharedResilience} carries breaker openings and promotions; {@link dev.ccr.shared.SharedQuotas}
 * carries provider quota snapshots; {@link dev.ccr.shared.RedisSessionUsage} keeps each session's last usage, which
 * long-context routing reads; {@link dev.ccr.shared.RedisCounters} keeps the per-key limits' counters atomic in Redis.
 * Reads stay local: Redis is written off the request path and read through pub/sub, except the limit counters, which
 * are one script call per limited request, and a session no instance-local cache knows, which is one read.
 *
 * <p>May use {@code resilience}, {@code limits}, {@code quota} and {@code routing} (the interfaces it implements) and
 * Lettuce. Without a configured Redis nothing here is created; the null defaults are
 * {@link dev.ccr.resilience.ResilienceSharing#NONE}, {@link dev.ccr.quota.QuotaSharing#NONE} and
 * {@link dev.ccr.routing.SessionUsage#embedded()}.
 */
package dev.ccr.shared;
