package dev.ccr.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The usage database's reads. A summary adds up {@code usage_daily} for the whole days of its range and the records
 * themselves only for a partial first or last day (or for a session, which the daily sums do not know), so its cost
 * follows the number of days and groups, not of records. The summary of everything is kept as it is
 * ({@link UsageTotals}).
 */
final class UsageQueries {
    /** Per group: the summary's dimensions, then the additive sums in {@link UsageSummary.Breakdown}'s order. */
    private static final String RECORD_SUMS = """
            SELECT %s, provider, model, scenario, client_type,
              COUNT(*), SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END), SUM(input_tokens), SUM(output_tokens),
              SUM(cache_read_tokens),
              SUM(cache_creation_tokens), COALESCE(SUM(ttft_ms), 0), COUNT(ttft_ms),
              COALESCE(SUM(CASE WHEN status = 'success' THEN tokens_per_second END), 0),
              COUNT(CASE WHEN status = 'success' THEN tokens_per_second END)
            FROM usage_records""";
    private static final String DAILY_SUMS = """
            SELECT day, provider, model, scenario, client_type,
              SUM(count), SUM(CASE WHEN status = 'success' THEN count ELSE 0 END), SUM(input_tokens), SUM(output_tokens),
              SUM(cache_read_tokens), SUM(cache_creation_tokens), SUM(ttft_sum), SUM(ttft_count), SUM(speed_sum),
              SUM(speed_count)
            FROM usage_daily""";
    private static final String GROUPS = " GROUP BY 1, 2, 3, 4, 5";

    /** A {@code WHERE} clause (empty or starting with a space) and its parameters. */
    record Where(String sql, List<Object> params) {
    }

    private UsageQueries() {
    }

    /** The records' conditions, times included. */
    static Where records(UsageFilter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        filter.from().ifPresent(f -> add(conditions, params, "ts >= ?", f.toEpochMilli()));
        filter.until().ifPresent(u -> add(conditions, params, "ts < ?", u.toEpochMilli()));
        filter.sessionId().ifPresent(s -> add(conditions, params, "session_id = ?", s));
        dimensions(filter, conditions, params);
        return where(conditions, params);
    }

    private static Where daily(UsageFilter filter, Optional<Instant> fromDay, Optional<Instant> untilDay) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        fromDay.ifPresent(f -> add(conditions, params, "day >= ?", day(f)));
        untilDay.ifPresent(u -> add(conditions, params, "day < ?", day(u)));
        dimensions(filter, conditions, params);
        return where(conditions, params);
    }

    /** What the records and the daily sums both know. */
    private static void dimensions(UsageFilter filter, List<String> conditions, List<Object> params) {
        filter.model().ifPresent(m -> {
            conditions.add("(model = ? OR original_model = ?)");
            params.add(m);
            params.add(m);
        });
        filter.provider().ifPresent(p -> add(conditions, params, "provider = ?", p));
        filter.scenario().ifPresent(s -> add(conditions, params, "scenario = ?", s));
        filter.clientType().ifPresent(c -> add(conditions, params, "client_type = ?", c));
        filter.status().ifPresent(s -> add(conditions, params, "status = ?", s.wire()));
    }

    private static void add(List<String> conditions, List<Object> params, String condition, Object param) {
        conditions.add(condition);
        params.add(param);
    }

    private static Where where(List<String> conditions, List<Object> params) {
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), List.copyOf(params));
    }

    static PreparedStatement prepare(Connection connection, String sql, List<Object> params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return statement;
    }

    /** The summary of the records {@code filter} keeps: the kept totals when it keeps every record. */
    static UsageSummary summary(Connection connection, UsageDialect dialect, UsageFilter filter) throws SQLException {
        return filter.equals(UsageFilter.ALL) ? UsageTotals.read(connection) : summaryFromSums(connection, dialect, filter);
    }

    /** The summary added up from the daily sums and, for partial days and sessions, the records. */
    static UsageSummary summaryFromSums(Connection connection, UsageDialect dialect, UsageFilter filter) throws SQLException {
        UsageSummary.Builder builder = new UsageSummary.Builder();
        String recordSums = RECORD_SUMS.formatted(dialect.dayOf("ts"));
        if (filter.sessionId().isPresent()) {
            addSums(connection, builder, recordSums, records(filter));
            return builder.build();
        }
        // Whole days from the daily sums; the partial days at either end from the records.
        Optional<Instant> firstWholeDay = filter.from().map(UsageQueries::ceilDay);
        Optional<Instant> endOfWholeDays = filter.until().map(UsageQueries::floorDay);
        if (firstWholeDay.isPresent() && endOfWholeDays.isPresent() && !firstWholeDay.get().isBefore(endOfWholeDays.get())) {
            addSums(connection, builder, recordSums, records(filter)); // within one day
            return builder.build();
        }
        if (filter.from().isPresent() && !filter.from().equals(firstWholeDay)) {
            addSums(connection, builder, recordSums, records(filter.withTime(filter.from(), firstWholeDay)));
        }
        addSums(connection, builder, DAILY_SUMS, daily(filter, firstWholeDay, endOfWholeDays));
        if (filter.until().isPresent() && !filter.until().equals(endOfWholeDays)) {
            addSums(connection, builder, recordSums, records(filter.withTime(endOfWholeDays, filter.until())));
        }
        return builder.build();
    }

    private static void addSums(Connection connection, UsageSummary.Builder builder, String select, Where where)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, select + where.sql() + GROUPS, where.params());
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                builder.add(new UsageSummary.Key(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getString(5)),
                        new UsageSummary.Breakdown(row.getLong(6), row.getLong(7),
                                new Usage(row.getLong(8), row.getLong(9), row.getLong(10), row.getLong(11)),
                                row.getLong(12), row.getLong(13), row.getLong(14), row.getLong(15)));
            }
        }
    }

    static Instant floorDay(Instant instant) {
        return instant.truncatedTo(ChronoUnit.DAYS);
    }

    static Instant ceilDay(Instant instant) {
        Instant floor = floorDay(instant);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.DAYS);
    }

    static String day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
