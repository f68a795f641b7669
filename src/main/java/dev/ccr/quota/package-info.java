/**
 * Provider quotas and balances: how much of a coding plan's 5-hour and 7-day windows, or of a pay-as-you-go balance,
 * is left (docs/quota.md). A {@link dev.ccr.quota.QuotaAdapter} per provider family reads it from the provider's own
 * endpoint (chosen by the {@code api_base_url} host in {@link dev.ccr.quota.QuotaAdapters}); {@link
 * dev.ccr.quota.RateLimitHeaders} reads Anthropic's {@code anthropic-ratelimit-*} answer headers; a {@link
 * dev.ccr.quota.QuotaPoller} keeps them fresh in a {@link dev.ccr.quota.QuotaStore} that survives restarts; and a
 * {@link dev.ccr.quota.QuotaGate} tells routing which providers to skip (exhausted, or near their reserve).
 *
 * <p>May use {@code config} (and Jackson, the JDK HTTP client). A failing quota call marks the quota unknown with its
 * reason and never blocks routing. Quota tokens and cookies never reach a log line, an error message or an API answer.
 * Time comes from an injected clock. Nothing here returns null: a missing number is an empty {@code OptionalDouble}.
 */
package dev.ccr.quota;
