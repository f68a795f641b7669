package dev.ccr.usage;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The usage API's reads over a database of {@code records} generated records spread over 180 days (6 providers,
 * 12 models, 6 scenarios, 3 clients, 2,000 sessions, 5 % errors): the history's first and a deep page, a filtered
 * page, and the summary of everything, of the last 30 days from mid-morning (daily sums plus a partial day) and of
 * one session. Target (issue 12): under 200 ms p95 each at a million records; run in {@code SampleTime} mode for
 * percentiles. The database is built once per trial with the store's own schema and insert code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx300m"})
public class UsageQueryBenchmark {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String[] PROVIDERS = {"openrouter", "deepseek", "gemini", "moonshot", "siliconflow", "ollama"};
    private static final String[] SCENARIOS = {"default", "background", "think", "longContext", "webSearch", "image"};
    private static final String[] CLIENTS = {"claude-code", "codex", "api"};

    @Param("1000000")
    public int records;

    private Path dir;
    private JdbcUsageStore store;
    private UsageFilter last30Days;
    private UsageFilter oneSession;
    private UsageFilter errorsOfOneProvider;

    @Setup
    public void build() throws IOException, SQLException {
        dir = Files.createTempDirectory("ccr-usage-bench");
        Path file = dir.resolve("usage.sqlite");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            UsageSchema.configure(connection);
            UsageSchema.create(connection);
            connection.setAutoCommit(false);
            SplittableRandom random = new SplittableRandom(42);
            long span = Duration.ofDays(180).toMillis();
            List<UsageRecord> batch = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                batch.add(generated(random, NOW.minusMillis(span - span * i / records)));
                if (batch.size() == 5_000) {
                    UsageRows.insert(connection, batch);
                    connection.commit();
                    batch.clear();
                }
            }
            UsageRows.insert(connection, batch);
            connection.commit();
        }
        store = JdbcUsageStore.openSqlite(file, Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);
        last30Days = UsageFilter.ALL.withTime(Optional.of(NOW.minus(Duration.ofDays(30)).minus(Duration.ofHours(2))), Optional.empty());
        oneSession = new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("session-17"), Optional.empty());
        errorsOfOneProvider = new UsageFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("deepseek"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(UsageRecord.Status.ERROR));
    }

    private static UsageRecord generated(SplittableRandom random, Instant at) {
        int provider = random.nextInt(PROVIDERS.length);
        boolean success = random.nextInt(100) >= 5;
        long out = random.nextInt(2_000);
        OptionalLong ttft = success ? OptionalLong.of(200 + random.nextInt(3_000)) : OptionalLong.empty();
        long duration = ttft.orElse(100) + random.nextInt(30_000);
        return new UsageRecord(UsageRecord.newId(at, random), at, Optional.of("session-" + random.nextInt(2_000)),
                Optional.empty(), CLIENTS[random.nextInt(CLIENTS.length)], PROVIDERS[provider],
                "model-" + provider + "-" + random.nextInt(2), "claude-sonnet-4-5", SCENARIOS[random.nextInt(SCENARIOS.length)],
                Optional.of("default"), true, new Usage(random.nextInt(20_000), out, random.nextInt(50_000), random.nextInt(2_000)),
                ttft, success ? UsageRecord.tokensPerSecond(out, duration, ttft) : OptionalLong.empty(), duration,
                success ? UsageRecord.Status.SUCCESS : UsageRecord.Status.ERROR, success ? 200 : 529,
                success ? Optional.empty() : Optional.of("overloaded_error"),
                success ? Optional.empty() : Optional.of("529 overloaded"), List.of());
    }

    @TearDown
    public void delete() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public UsageStore.Page historyFirstPage() {
        return store.page(UsageFilter.ALL, 1, 50);
    }

    @Benchmark
    public UsageStore.Page historyPage100() {
        return store.page(UsageFilter.ALL, 100, 50);
    }

    @Benchmark
    public UsageStore.Page historyErrorsOfOneProvider() {
        return store.page(errorsOfOneProvider, 1, 50);
    }

    @Benchmark
    public UsageSummary summaryOfEverything() {
        return store.summary(UsageFilter.ALL);
    }

    @Benchmark
    public UsageSummary summaryOfTheLast30Days() {
        return store.summary(last30Days);
    }

    @Benchmark
    public UsageSummary summaryOfOneSession() {
        return store.summary(oneSession);
    }
}
