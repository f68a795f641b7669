/**
 * Usage: the tokens each answer used, as reported by the provider, and the CCR fork's usage statistics (spec §7.1):
 * one {@link dev.ccr.usage.UsageRecord} per request and per failed attempt, kept in an append-only JSONL
 * {@link dev.ccr.usage.UsageStore} and summarised by {@link dev.ccr.usage.UsageSummary}.
 *
 * <p>Uses nothing of ours. Nothing here is null.
 */
package dev.ccr.usage;
