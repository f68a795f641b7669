package dev.ccr.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of every record, kept in {@code usage_totals} as records are written: one row per breakdown entry
 * ({@code all}, and each model, provider, provider-and-model, scenario, client and day), so {@code GET
 * /api/usage/summary} without a filter reads a few hundred rows instead of adding up the daily sums of every group
 * (tens of thousands of rows at a million records). A batch adds its own summary in the transaction that inserts it;
 * a delete (the user's or the retention's) recomputes the table from the daily sums.
 */
final class UsageTotals {
    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS usage_totals (
              dimension TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL, success_count INTEGER NOT NULL,
              input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cache_read_tokens INTEGER NOT NULL,
              cache_creation_tokens INTEGER NOT NULL, ttft_sum INTEGER NOT NULL, ttft_count INTEGER NOT NULL,
              speed_sum INTEGER NOT NULL, speed_count INTEGER NOT NULL,
              PRIMARY KEY (dimension, name))""";
    // The old row is named through the alias t: PostgreSQL finds a bare column ambiguous with excluded's.
    private static final String ADD = """
            INSERT INTO usage_totals AS t VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (dimension, name) DO UPDATE SET
              count = t.count + excluded.count, success_count = t.success_count + excluded.success_count,
              input_tokens = t.input_tokens + excluded.input_tokens,
              output_tokens = t.output_tokens + excluded.output_tokens,
              cache_read_tokens = t.cache_read_tokens + excluded.cache_read_tokens,
              cache_creation_tokens = t.cache_creation_tokens + excluded.cache_creation_tokens,
              ttft_sum = t.ttft_sum + excluded.ttft_sum, ttft_count = t.ttft_count + excluded.ttft_count,
              speed_sum = t.speed_sum + excluded.speed_sum, speed_count = t.speed_count + excluded.speed_count""";
    private static final String ALL = "all";

    private UsageTotals() {
    }

    /** Adds {@code batch} (the summary of records being inserted); the caller owns the transaction. */
    static void add(Connection connection, UsageSummary batch) throws SQLException {
        // Sorted, so two instances adding at once lock the rows in the same order (no deadlock).
        Map<String, Map<String, UsageSummary.Breakdown>> rows = dimensions(batch);
        try (PreparedStatement add = connection.prepareStatement(ADD)) {
            for (Map.Entry<String, Map<String, UsageSummary.Breakdown>> dimension : rows.entrySet()) {
                for (Map.Entry<String, UsageSummary.Breakdown> row : dimension.getValue().entrySet()) {
                    UsageSummary.Breakdown b = row.getValue();
                    Object[] values = {dimension.getKey(), row.getKey(), b.count(), b.successCount(),
                            b.tokens().inputTokens(), b.tokens().outputTokens(), b.tokens().cacheReadInputTokens(),
                            b.tokens().cacheCreationInputTokens(), b.ttftSum(), b.ttftCount(), b.speedSum(), b.speedCount()};
                    for (int i = 0; i < values.length; i++) {
                        add.setObject(i + 1, values[i]);
                    }
                    add.addBatch();
                }
            }
            add.executeBatch();
        }
    }

    /** The summary of every record, as kept. */
    static UsageSummary read(Connection connection) throws SQLException {
        Map<String, Map<String, UsageSummary.Breakdown>> rows = new TreeMap<>();
        try (Statement s = connection.createStatement();
             ResultSet row = s.executeQuery("SELECT * FROM usage_totals")) {
            while (row.next()) {
                rows.computeIfAbsent(row.getString(1), d -> new TreeMap<>()).put(row.getString(2),
                        new UsageSummary.Breakdown(row.getLong(3), row.getLong(4),
                                new Usage(row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8)),
                                row.getLong(9), row.getLong(10), row.getLong(11), row.getLong(12)));
            }
        }
        return new UsageSummary(rows.getOrDefault(ALL, Map.of()).getOrDefault("", UsageSummary.Breakdown.NONE),
                Map.copyOf(rows.getOrDefault("model", Map.of())), Map.copyOf(rows.getOrDefault("provider", Map.of())),
                Map.copyOf(rows.getOrDefault("providerModel", Map.of())), Map.copyOf(rows.getOrDefault("scenario", Map.of())),
                Map.copyOf(rows.getOrDefault("client", Map.of())), Map.copyOf(rows.getOrDefault("day", Map.of())));
    }

    /** Recomputes the table from the daily sums, after records were deleted; the caller owns the transaction. */
    static void rebuild(Connection connection, UsageDialect dialect) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM usage_totals");
        }
        UsageSummary everything = UsageQueries.summaryFromSums(connection, dialect, UsageFilter.ALL);
        if (everything.totalRequests() > 0) {
            add(connection, everything);
        }
    }

    /**
     * Rebuilds the table when it does not match the records, as in a database written before it existed: kept
     * totals exist exactly when records do. The caller owns the transaction.
     */
    static void ensure(Connection connection, UsageDialect dialect) throws SQLException {
        if (exists(connection, "SELECT 1 FROM usage_totals WHERE dimension = 'all'")
                != exists(connection, "SELECT 1 FROM usage_records")) {
            rebuild(connection, dialect);
        }
    }

    private static boolean exists(Connection connection, String select) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery(select + " LIMIT 1")) {
            return row.next();
        }
    }

    private static Map<String, Map<String, UsageSummary.Breakdown>> dimensions(UsageSummary summary) {
        Map<String, Map<String, UsageSummary.Breakdown>> rows = new TreeMap<>();
        rows.put(ALL, Map.of("", summary.all()));
        rows.put("model", new TreeMap<>(summary.byModel()));
        rows.put("provider", new TreeMap<>(summary.byProvider()));
        rows.put("providerModel", new TreeMap<>(summary.byProviderModel()));
        rows.put("scenario", new TreeMap<>(summary.byScenario()));
        rows.put("client", new TreeMap<>(summary.byClient()));
        rows.put("day", new TreeMap<>(summary.byDay()));
        return rows;
    }
}
