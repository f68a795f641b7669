package dev.ccr.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The usage database's tables: {@code usage_records} (one row a record, as the fork names it) and
 * {@code usage_daily} (per-day sums by provider, model, original model, scenario, client and status, which the
 * summaries read instead of a million rows) and {@code usage_totals} (the summary of everything, {@link UsageTotals}).
 * Schema version 1 in {@code PRAGMA user_version}; the PostgreSQL
 * twin of the same tables for a team's shared store.
 */
final class UsageSchema {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSchema.class);
    static final int VERSION = 1;
    /** The advisory lock key ccr's PostgreSQL schema creation takes ("ccrusage" in ASCII, any fixed number would do). */
    private static final long POSTGRES_LOCK = 0x6363727573616765L;

    private UsageSchema() {
    }

    /** WAL, so readers never wait for the writer; {@code NORMAL} sync, so a killed process loses no commit. */
    static void configure(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
        }
    }

    /** The records table; {@code %s} opens the column list (PostgreSQL's {@code seq}, SQLite's nothing). */
    private static final String RECORDS = """
            CREATE TABLE IF NOT EXISTS usage_records (%s
              id TEXT NOT NULL, ts INTEGER NOT NULL, session_id TEXT, project TEXT, client_type TEXT NOT NULL,
              provider TEXT NOT NULL, model TEXT NOT NULL, original_model TEXT NOT NULL, scenario TEXT NOT NULL,
              rule TEXT, stream INTEGER NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
              cache_read_tokens INTEGER NOT NULL, cache_creation_tokens INTEGER NOT NULL, ttft_ms INTEGER,
              tokens_per_second INTEGER, duration_ms INTEGER NOT NULL, status TEXT NOT NULL,
              http_status INTEGER NOT NULL, error_type TEXT, error_message TEXT, attempts TEXT NOT NULL,
              client_key TEXT)""";
    private static final String DAILY = """
            CREATE TABLE IF NOT EXISTS usage_daily (
              day TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL, original_model TEXT NOT NULL,
              scenario TEXT NOT NULL, client_type TEXT NOT NULL, status TEXT NOT NULL,
              count INTEGER NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
              cache_read_tokens INTEGER NOT NULL, cache_creation_tokens INTEGER NOT NULL,
              ttft_sum INTEGER NOT NULL, ttft_count INTEGER NOT NULL, speed_sum INTEGER NOT NULL,
              speed_count INTEGER NOT NULL,
              PRIMARY KEY (day, provider, model, original_model, scenario, client_type, status))""";
    // The history pages by time; a session's records are looked up on their own (the only raw-row summary).
    private static final List<String> INDEXES = List.of(
            "CREATE INDEX IF NOT EXISTS usage_records_ts ON usage_records(ts)",
            "CREATE INDEX IF NOT EXISTS usage_records_session ON usage_records(session_id, ts)");

    static void create(Connection connection) throws SQLException {
        setAsideForeignTable(connection);
        try (Statement s = connection.createStatement()) {
            s.execute(RECORDS.formatted(""));
            addClientKeyColumn(connection);
            for (String index : INDEXES) {
                s.execute(index);
            }
            s.execute(DAILY + " WITHOUT ROWID");
            s.execute(UsageTotals.TABLE + " WITHOUT ROWID");
            s.execute("PRAGMA user_version=" + VERSION);
        }
    }

    /**
     * The same tables in PostgreSQL, where integers are 64-bit {@code BIGINT} and {@code seq} stands in for SQLite's
     * {@code rowid}. Instances starting together take a transaction-scoped advisory lock first, because PostgreSQL's
     * {@code CREATE TABLE IF NOT EXISTS} is not safe against a concurrent twin.
     */
    static void createPostgres(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK + ")");
            s.execute(RECORDS.formatted(" seq BIGSERIAL PRIMARY KEY,").replace("INTEGER", "BIGINT"));
            for (String index : INDEXES) {
                s.execute(index);
            }
            s.execute(DAILY.replace("INTEGER", "BIGINT"));
            s.execute(UsageTotals.TABLE.replace("INTEGER", "BIGINT"));
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** {@code client_key} (the client key's name) came after the first tables; older files get it added. */
    private static void addClientKeyColumn(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet columns = s.executeQuery("PRAGMA table_info(usage_records)")) {
            while (columns.next()) {
                if (columns.getString("name").equals("client_key")) {
                    return;
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE usage_records ADD COLUMN client_key TEXT");
        }
    }

    /**
     * The CCR fork writes a {@code usage_records} table of its own shape to the same file name; ccr keeps it, renamed
     * {@code usage_records_fork}, rather than failing on it or dropping it.
     */
    private static void setAsideForeignTable(Connection connection) throws SQLException {
        boolean exists = false;
        boolean ours = false;
        try (Statement s = connection.createStatement();
             ResultSet columns = s.executeQuery("PRAGMA table_info(usage_records)")) {
            while (columns.next()) {
                exists = true;
                ours |= columns.getString("name").equals("http_status");
            }
        }
        if (exists && !ours) {
            LOG.warn("usage.sqlite holds a usage_records table ccr did not write (the CCR fork's?); kept as usage_records_fork");
            try (Statement s = connection.createStatement()) {
                s.execute("ALTER TABLE usage_records RENAME TO usage_records_fork");
                s.execute("DROP INDEX IF EXISTS usage_records_ts");
                s.execute("DROP INDEX IF EXISTS usage_records_session");
            }
        }
    }
}
