package dev.ccr.usage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The SQL engine under a {@link JdbcUsageStore}: the embedded SQLite file or a team's PostgreSQL. Everything else
 * (tables, reads, daily sums) is the same SQL; this names the few places where the two engines differ.
 */
enum UsageDialect {
    SQLITE {
        @Override
        String dayOf(String epochMillis) {
            return "strftime('%Y-%m-%d', " + epochMillis + " / 1000, 'unixepoch')";
        }

        @Override
        String insertionOrder() {
            return "rowid";
        }

        @Override
        void prepare(Connection connection) throws SQLException {
            UsageSchema.configure(connection);
        }

        @Override
        void createSchema(Connection connection) throws SQLException {
            UsageSchema.create(connection);
        }
    },
    POSTGRES {
        @Override
        String dayOf(String epochMillis) {
            return "to_char(to_timestamp(" + epochMillis + " / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
        }

        @Override
        String insertionOrder() {
            return "seq";
        }

        @Override
        void prepare(Connection connection) {
            // PostgreSQL needs no per-connection settings
        }

        @Override
        void createSchema(Connection connection) throws SQLException {
            UsageSchema.createPostgres(connection);
        }
    };

    /** The UTC day ({@code yyyy-MM-dd}) of a column holding epoch milliseconds. */
    abstract String dayOf(String epochMillis);

    /** The column that orders records written in the same millisecond as they were written. */
    abstract String insertionOrder();

    /** Per-connection settings, run on every connection the store opens. */
    abstract void prepare(Connection connection) throws SQLException;

    /** Creates the tables when they are missing; safe to run from several instances at once. */
    abstract void createSchema(Connection connection) throws SQLException;
}
