/**
 * Usage: the tokens each answer used, as reported by the provider, and the CCR fork's usage statistics (docs/usage.md):
 * one {@link dev.ccr.usage.UsageRecord} per request and per failed attempt, kept by a
 * {@link dev.ccr.usage.UsageStore} ({@link dev.ccr.usage.JdbcUsageStore}: embedded, SQLite in WAL mode, which
 * imports the legacy JSONL file once, or a team's PostgreSQL) and summarised by {@link dev.ccr.usage.UsageSummary}.
 *
 * <p>Uses nothing of ours (the SQLite and PostgreSQL JDBC drivers and Jackson). Nothing here is null.
 */
package dev.ccr.usage;
