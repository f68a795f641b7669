package dev.ccr.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Records to rows and back, and the daily sums a batch of them adds to {@code usage_daily}. */
final class UsageRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String COLUMNS = "id, ts, session_id, project, client_type, provider, model, original_model, scenario, "
            + "rule, stream, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, ttft_ms, "
            + "tokens_per_second, duration_ms, status, http_status, error_type, error_message, attempts, client_key";
    private static final String INSERT = "INSERT INTO usage_records (" + COLUMNS + ") VALUES ("
            + "?,".repeat(23) + "?)";
    // The old row is named through the alias d: PostgreSQL finds a bare column ambiguous with excluded's.
    private static final String ADD_DAILY = """
            INSERT INTO usage_daily AS d VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (day, provider, model, original_model, scenario, client_type, status) DO UPDATE SET
              count = d.count + excluded.count, input_tokens = d.input_tokens + excluded.input_tokens,
              output_tokens = d.output_tokens + excluded.output_tokens,
              cache_read_tokens = d.cache_read_tokens + excluded.cache_read_tokens,
              cache_creation_tokens = d.cache_creation_tokens + excluded.cache_creation_tokens,
              ttft_sum = d.ttft_sum + excluded.ttft_sum, ttft_count = d.ttft_count + excluded.ttft_count,
              speed_sum = d.speed_sum + excluded.speed_sum, speed_count = d.speed_count + excluded.speed_count""";

    /** A {@code usage_daily} row's key. */
    private record DailyKey(String day, String provider, String model, String originalModel, String scenario,
                            String clientType, UsageRecord.Status status) {
    }

    private static final Comparator<DailyKey> DAILY_ORDER = Comparator.comparing(DailyKey::day)
            .thenComparing(DailyKey::provider).thenComparing(DailyKey::model).thenComparing(DailyKey::originalModel)
            .thenComparing(DailyKey::scenario).thenComparing(DailyKey::clientType).thenComparing(DailyKey::status);

    private UsageRows() {
    }

    /** Inserts the records and adds them to the daily sums and the totals; the caller owns the transaction. */
    static void insert(Connection connection, List<UsageRecord> records) throws SQLException {
        // Sorted, so two instances adding to the same days lock their rows in the same order (no deadlock).
        Map<DailyKey, UsageSummary.Breakdown> daily = new TreeMap<>(DAILY_ORDER);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (UsageRecord r : records) {
                bind(insert, r);
                insert.addBatch();
                daily.merge(new DailyKey(r.day(), r.provider(), r.model(), r.originalModel(), r.scenarioType(),
                        r.clientType(), r.status()), UsageSummary.Breakdown.of(r), UsageSummary.Breakdown::plus);
            }
            insert.executeBatch();
        }
        try (PreparedStatement add = connection.prepareStatement(ADD_DAILY)) {
            for (Map.Entry<DailyKey, UsageSummary.Breakdown> e : daily.entrySet()) {
                DailyKey k = e.getKey();
                UsageSummary.Breakdown b = e.getValue();
                Object[] values = {k.day(), k.provider(), k.model(), k.originalModel(), k.scenario(), k.clientType(),
                        k.status().wire(), b.count(), b.tokens().inputTokens(), b.tokens().outputTokens(),
                        b.tokens().cacheReadInputTokens(), b.tokens().cacheCreationInputTokens(), b.ttftSum(),
                        b.ttftCount(), b.speedSum(), b.speedCount()};
                for (int i = 0; i < values.length; i++) {
                    add.setObject(i + 1, values[i]);
                }
                add.addBatch();
            }
            add.executeBatch();
        }
        UsageTotals.add(connection, UsageSummary.of(records));
    }

    /** Recomputes one day's sums from its records (after some of that day's records were deleted). */
    static void rebuildDay(Connection connection, String day) throws SQLException {
        Instant start = UsageFilter.startOf(day);
        Instant end = UsageFilter.endOf(day);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM usage_daily WHERE day = ?");
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO usage_daily SELECT ?, provider, model, original_model, scenario, client_type, status,
                       COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_creation_tokens),
                       COALESCE(SUM(ttft_ms), 0), COUNT(ttft_ms),
                       COALESCE(SUM(CASE WHEN status = 'success' THEN tokens_per_second END), 0),
                       COUNT(CASE WHEN status = 'success' THEN tokens_per_second END)
                     FROM usage_records WHERE ts >= ? AND ts < ?
                     GROUP BY provider, model, original_model, scenario, client_type, status""")) {
            delete.setString(1, day);
            delete.executeUpdate();
            insert.setString(1, day);
            insert.setLong(2, start.toEpochMilli());
            insert.setLong(3, end.toEpochMilli());
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, UsageRecord r) throws SQLException {
        s.setString(1, r.id());
        s.setLong(2, r.timestamp().toEpochMilli());
        s.setString(3, r.sessionId().orElse(null));
        s.setString(4, r.project().orElse(null));
        s.setString(5, r.clientType());
        s.setString(6, r.provider());
        s.setString(7, r.model());
        s.setString(8, r.originalModel());
        s.setString(9, r.scenarioType());
        s.setString(10, r.rule().orElse(null));
        s.setInt(11, r.stream() ? 1 : 0);
        s.setLong(12, r.usage().inputTokens());
        s.setLong(13, r.usage().outputTokens());
        s.setLong(14, r.usage().cacheReadInputTokens());
        s.setLong(15, r.usage().cacheCreationInputTokens());
        setNullable(s, 16, r.ttft());
        setNullable(s, 17, r.tokensPerSecond());
        s.setLong(18, r.durationMs());
        s.setString(19, r.status().wire());
        s.setInt(20, r.httpStatus());
        s.setString(21, r.errorType().orElse(null));
        s.setString(22, r.errorMessage().orElse(null));
        ArrayNode attempts = JSON.createArrayNode();
        r.attempts().forEach(a -> attempts.add(a.toJson()));
        s.setString(23, attempts.toString());
        s.setString(24, r.clientKey().orElse(null));
    }

    private static void setNullable(PreparedStatement s, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.getAsLong());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    /** The record in the current row of a {@code SELECT COLUMNS}. */
    static UsageRecord read(ResultSet row) throws SQLException {
        return new UsageRecord(row.getString("id"), Instant.ofEpochMilli(row.getLong("ts")),
                Optional.ofNullable(row.getString("session_id")), Optional.ofNullable(row.getString("project")),
                row.getString("client_type"), row.getString("provider"), row.getString("model"),
                row.getString("original_model"), row.getString("scenario"), Optional.ofNullable(row.getString("rule")),
                row.getInt("stream") != 0,
                new Usage(row.getLong("input_tokens"), row.getLong("output_tokens"), row.getLong("cache_read_tokens"),
                        row.getLong("cache_creation_tokens")),
                nullableLong(row, "ttft_ms"), nullableLong(row, "tokens_per_second"), row.getLong("duration_ms"),
                UsageRecord.Status.parse(row.getString("status")).orElse(UsageRecord.Status.ERROR),
                row.getInt("http_status"), Optional.ofNullable(row.getString("error_type")),
                Optional.ofNullable(row.getString("error_message")), attempts(row.getString("attempts")),
                Optional.ofNullable(row.getString("client_key")));
    }

    private static OptionalLong nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static List<AttemptNote> attempts(String json) {
        List<AttemptNote> attempts = new ArrayList<>();
        try {
            for (JsonNode a : JSON.readTree(json)) {
                AttemptNote.fromJson(a).ifPresent(attempts::add);
            }
        } catch (IOException | RuntimeException e) {
            // a damaged attempts column costs the attempts, not the record
        }
        return attempts;
    }
}
