package dev.ccr.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The usage store over JDBC: embedded, {@code data/usage.sqlite} in WAL mode (docs/usage.md); for a team, one
 * PostgreSQL database that every instance writes to ({@code USAGE_DB}). Requests only put their record on a bounded
 * queue; one writer thread writes what has queued in one transaction per batch, daily sums included. A batch gathers
 * for {@link #LINGER} after its first record unless a read of this store waits for it, so a {@code kill -9} costs
 * at most the records of that moment and {@link #close} writes everything queued. Records older than the retention
 * are deleted at start and hourly.
 *
 * <p>A database that cannot be reached (a PostgreSQL server restarting) keeps its batch: it waits in a
 * {@link UsageSpool} on disk (or, without one, on the queue), the writer retries with a growing pause, logs the outage
 * once and its end once, and reconnects. Any other failure costs its batch, as a retry would fail the same way.
 */
public final class JdbcUsageStore implements UsageStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcUsageStore.class);
    static final int QUEUE_CAPACITY = 10_000;
    static final int BATCH = 500;
    /**
     * How long a batch gathers after its first record. A transaction per record cost a fifth of the router's CPU at
     * a few thousand requests a second (docs/benchmarks.md, "The usage writer"); a read of this store does not wait
     * for it, and a backlog of a full batch skips it.
     */
    static final Duration LINGER = Duration.ofMillis(100);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** How long a read waits for the records appended before it to be written. */
    private static final long READ_WAIT_MS = 5_000;
    /** The longest pause between two tries at an unreachable database. */
    private static final long MAX_RETRY_PAUSE_MS = 5_000;

    /** Opens one connection to the database. */
    private interface Connector {
        Connection open() throws SQLException;
    }

    private final String name;
    private final UsageDialect dialect;
    private final Connector connector;
    private final Clock clock;
    private final Duration retention;
    private final BlockingQueue<UsageRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong accepted = new AtomicLong();
    /** Records the writer has finished with (written, or lost to an error); guarded by itself. */
    private final long[] done = {0};
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Where the writer lingers; notified when a read starts waiting (a close interrupts the writer). */
    private final Object linger = new Object();
    private final AtomicInteger readersWaiting = new AtomicInteger();
    private final Object readLock = new Object();
    /** Null until opened and after a failure that broke it; guarded by {@link #writeLock}. */
    private Connection writeConnection;
    /** Null until opened and after a failure that broke it; guarded by {@link #readLock}. */
    private Connection readConnection;
    private final Thread writer;
    /** Where records wait on disk while the database is unreachable; empty: they wait on the queue. */
    private final Optional<UsageSpool> spool;
    private volatile boolean open = true;
    private volatile boolean unreachable;
    /** Records this process put in the spool and has not written yet; the writer's own. */
    private long spooledHere;
    private Instant nextPrune;
    private final long lingerNanos;
    /** Transactions that wrote records, for the tests of the gathering. */
    private final AtomicLong writes = new AtomicLong();

    private JdbcUsageStore(String name, UsageDialect dialect, Connector connector, Clock clock, Duration retention,
                           Optional<UsageSpool> spool, Duration linger) {
        this.name = name;
        this.lingerNanos = linger.toNanos();
        this.spool = spool;
        this.dialect = dialect;
        this.connector = connector;
        this.clock = clock;
        this.retention = retention;
        this.writer = Thread.ofPlatform().daemon().name("ccr-usage-writer").unstarted(this::writeUntilClosed);
    }

    /**
     * Opens (or creates) the embedded database, imports {@code legacyJsonl} once when it exists (then renames it
     * {@code *.imported}), deletes records past the retention and starts the writer.
     *
     * @param retention how long records are kept; zero keeps them forever
     */
    public static JdbcUsageStore openSqlite(Path file, Optional<Path> legacyJsonl, Clock clock, Duration retention) {
        return openSqlite(file, legacyJsonl, clock, retention, LINGER);
    }

    static JdbcUsageStore openSqlite(Path file, Optional<Path> legacyJsonl, Clock clock, Duration retention, Duration linger) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("Could not open the usage database " + file + ": " + e.getMessage(), e);
        }
        SqliteNativeLibrary.useKeptCopy(file.toAbsolutePath().getParent().resolve("native"));
        JdbcUsageStore store = new JdbcUsageStore(file.toString(), UsageDialect.SQLITE,
                () -> DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()), clock, retention, Optional.empty(), linger);
        try {
            store.writeConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open the usage database " + file + ": " + e.getMessage(), e);
        }
        legacyJsonl.ifPresent(store::importOnce);
        return store.start();
    }

    /**
     * Connects to a team's PostgreSQL database ({@code jdbc:postgresql://host:port/db?user=..&password=..}), creating
     * the tables when they are missing. A database that is down at start does not stop ccr: records wait in
     * {@code spool} (bounded, on disk) until it is reachable, and so do records of an earlier run that stopped during
     * an outage.
     *
     * @param spool     where records wait while the database is unreachable ({@code data/usage-pending.jsonl})
     * @param retention how long records are kept; zero keeps them forever
     */
    public static JdbcUsageStore openPostgres(String url, Path spool, Clock clock, Duration retention) {
        JdbcUsageStore store = new JdbcUsageStore(PostgresUrl.redacted(url), UsageDialect.POSTGRES,
                () -> DriverManager.getConnection(url), clock, retention, Optional.of(new UsageSpool(spool)), LINGER);
        try {
            store.writeConnection();
            store.spool.filter(waiting -> !waiting.isEmpty()).ifPresent(store::writeSpooled); // an earlier run's
        } catch (SQLException e) {
            store.unreachable(e);
        }
        return store.start();
    }

    private JdbcUsageStore start() {
        prune();
        writer.start();
        return this;
    }

    /** The write connection, opened (and the schema created) when there is none; the caller holds the write lock. */
    private Connection writeConnection() throws SQLException {
        if (writeConnection == null) {
            Connection connection = connect();
            try {
                dialect.createSchema(connection);
                connection.setAutoCommit(false);
                UsageTotals.ensure(connection, dialect);
                connection.commit();
            } catch (SQLException e) {
                closeQuietly(connection);
                throw e;
            }
            writeConnection = connection;
        }
        return writeConnection;
    }

    private Connection readConnection() throws SQLException {
        if (readConnection == null) {
            readConnection = connect();
        }
        return readConnection;
    }

    private Connection connect() throws SQLException {
        Connection connection = connector.open();
        try {
            dialect.prepare(connection);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** The database as logs show it: the SQLite file, or {@code postgresql://host:port/db} (never credentials). */
    public String name() {
        return name;
    }

    /** Whether the database can be reached: false while the writer waits for it to come back. */
    public boolean reachable() {
        return !unreachable;
    }

    @Override
    public void append(UsageRecord record) {
        if (!open) {
            LOG.debug("usage store closed; record {} dropped", record.id());
        } else if (queue.offer(record)) {
            accepted.incrementAndGet();
        } else {
            LOG.warn("usage records arrive faster than {} can take them; record {} dropped", name, record.id());
        }
    }

    private void writeUntilClosed() {
        List<UsageRecord> batch = new ArrayList<>(BATCH);
        long pause = 0;
        while (open || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    UsageRecord first = queue.poll(1, TimeUnit.SECONDS);
                    if (first != null) {
                        batch.add(first);
                        lingerForMore();
                        queue.drainTo(batch, BATCH - 1);
                    }
                }
                if (!batch.isEmpty()) {
                    boolean written = write(batch);
                    if (!written && spool.isPresent() && spool.get().append(batch)) {
                        spooledHere += batch.size(); // finished once written from the spool: reads wait for them
                        batch.clear();
                        pause = Math.min(Math.max(pause * 2, 100), MAX_RETRY_PAUSE_MS);
                        Thread.sleep(open ? pause : 0);
                    } else if (written || !open) {
                        if (!written) {
                            LOG.warn("The usage database {} is still unreachable at shutdown; {} records are lost",
                                    name, batch.size());
                        }
                        finished(batch.size()); // written, lost to an error, or given up on at close
                        batch.clear();
                        pause = 0;
                    } else {
                        pause = Math.min(Math.max(pause * 2, 100), MAX_RETRY_PAUSE_MS);
                        Thread.sleep(pause);
                    }
                }
                if (spool.isPresent() && !spool.get().isEmpty()) {
                    writeSpooled(spool.get()); // also how the writer notices that the database is back
                }
                if (!clock.instant().isBefore(nextPrune)) {
                    prune();
                }
            } catch (InterruptedException e) {
                // close() wakes the writer; the loop drains what is left
            } catch (RuntimeException e) {
                LOG.warn("usage writer: {}", e.toString());
            }
        }
    }

    /** Lets more records queue behind a batch's first one, unless a read waits, the store closes or a batch is full. */
    private void lingerForMore() throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        synchronized (linger) {
            long left;
            while (open && readersWaiting.get() == 0 && queue.size() < BATCH - 1
                    && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(linger, left);
            }
        }
    }

    /** Writes the batch; false only when the database could not be reached, so the batch is worth another try. */
    private boolean write(List<UsageRecord> batch) {
        Outcome outcome = inTransaction(() -> UsageRows.insert(writeConnection(), batch), "write " + batch.size() + " usage records");
        if (outcome == Outcome.DONE) {
            writes.incrementAndGet();
        }
        return outcome != Outcome.UNREACHABLE;
    }

    /** How many transactions have written records so far. */
    long writes() {
        return writes.get();
    }

    /** The records that waited on disk, in one transaction; the spool is emptied only once they are committed. */
    private void writeSpooled(UsageSpool waiting) {
        long[] count = {0};
        if (inTransaction(() -> count[0] = waiting.read(BATCH, records -> UsageRows.insert(writeConnection(), records)),
                "write the usage records waiting in " + waiting.file()) == Outcome.DONE) {
            waiting.clear();
            finished(spooledHere);
            spooledHere = 0;
            LOG.info("Wrote {} usage records that waited in {} for the database", count[0], waiting.file());
        }
    }

    private void finished(long records) {
        synchronized (done) {
            done[0] += records;
            done.notifyAll();
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private enum Outcome { DONE, FAILED, UNREACHABLE }

    /**
     * Runs {@code work} in one transaction on the write connection; a failure is logged and rolled back, and an
     * unreachable database is logged once, until it answers again.
     */
    private Outcome inTransaction(SqlWork work, String what) {
        writeLock.lock();
        try {
            work.run();
            writeConnection.commit();
            if (unreachable) {
                unreachable = false;
                LOG.info("The usage database {} is reachable again; queued records are being written", name);
            }
            return Outcome.DONE;
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException sql && lostConnection(sql)) {
                unreachable(sql);
                return Outcome.UNREACHABLE;
            }
            LOG.warn("Could not {} in {}: {}", what, name, e.getMessage());
            rollback();
            return Outcome.FAILED;
        } finally {
            writeLock.unlock();
        }
    }

    private void rollback() {
        try {
            if (writeConnection != null) {
                writeConnection.rollback();
            }
        } catch (SQLException e) {
            dropWriteConnection();
        }
    }

    private void unreachable(SQLException e) {
        dropWriteConnection();
        if (!unreachable) {
            unreachable = true;
            LOG.warn("The usage database {} cannot be reached ({}); records queue (up to {}) until it can",
                    name, e.getMessage(), QUEUE_CAPACITY);
        }
    }

    private void dropWriteConnection() {
        if (writeConnection != null) {
            closeQuietly(writeConnection);
            writeConnection = null;
        }
    }

    /**
     * SQLState class 08 is JDBC's "connection exception" (the server is down or the link to it broke); 57P01-57P03
     * are PostgreSQL's "shutting down" and "cannot connect now", which a restarting server answers first.
     */
    private static boolean lostConnection(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /** Waits until the records accepted so far are written, so a read sees what was appended before it. */
    private void awaitWritten() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_WAIT_MS);
        readersWaiting.incrementAndGet();
        try {
            synchronized (linger) {
                linger.notifyAll();
            }
            synchronized (done) {
                while (done[0] < target && open) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(done, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            readersWaiting.decrementAndGet();
        }
    }

    @Override
    public List<UsageRecord> records(UsageFilter filter) {
        UsageQueries.Where where = UsageQueries.records(filter);
        return read("SELECT " + UsageRows.COLUMNS + " FROM usage_records" + where.sql() + " ORDER BY ts, "
                + dialect.insertionOrder(),
                where.params());
    }

    @Override
    public Page page(UsageFilter filter, int page, int pageSize) {
        UsageSummary summary = summary(filter);
        UsageQueries.Where where = UsageQueries.records(filter);
        List<Object> params = new ArrayList<>(where.params());
        params.add(pageSize);
        params.add((long) (page - 1) * pageSize);
        List<UsageRecord> records = read("SELECT " + UsageRows.COLUMNS + " FROM usage_records" + where.sql()
                + " ORDER BY ts DESC, " + dialect.insertionOrder() + " DESC LIMIT ? OFFSET ?", params);
        return new Page(records, summary, summary.totalRequests(), page, pageSize);
    }

    @Override
    public UsageSummary summary(UsageFilter filter) {
        awaitWritten();
        return reading(connection -> UsageQueries.summary(connection, dialect, filter));
    }

    private List<UsageRecord> read(String sql, List<Object> params) {
        awaitWritten();
        return reading(connection -> {
            try (PreparedStatement statement = UsageQueries.prepare(connection, sql, params);
                 ResultSet rows = statement.executeQuery()) {
                List<UsageRecord> records = new ArrayList<>();
                while (rows.next()) {
                    records.add(UsageRows.read(rows));
                }
                return records;
            }
        });
    }

    private interface SqlRead<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs a read on the read connection, reopening it once when the database dropped it since the last read. */
    private <T> T reading(SqlRead<T> read) {
        synchronized (readLock) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return read.run(readConnection());
                } catch (SQLException e) {
                    if (readConnection != null) {
                        closeQuietly(readConnection);
                        readConnection = null;
                    }
                    if (attempt == 2 || !lostConnection(e)) {
                        throw new IllegalStateException("Could not read usage from " + name + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    @Override
    public int clear(Optional<Instant> before) {
        awaitWritten();
        int[] removed = {0};
        if (inTransaction(() -> removed[0] = delete(before), "delete usage records") != Outcome.DONE) {
            throw new IllegalStateException("Could not delete usage records from " + name);
        }
        return removed[0];
    }

    /** Deletes the records before {@code before} (all when empty), their daily sums and totals; the caller commits. */
    private int delete(Optional<Instant> before) throws SQLException {
        Connection writeConnection = writeConnection();
        if (before.isEmpty()) {
            try (Statement s = writeConnection.createStatement()) {
                s.executeUpdate("DELETE FROM usage_daily");
                s.executeUpdate("DELETE FROM usage_totals");
                return s.executeUpdate("DELETE FROM usage_records");
            }
        }
        int removed;
        try (PreparedStatement records = writeConnection.prepareStatement("DELETE FROM usage_records WHERE ts < ?");
             PreparedStatement days = writeConnection.prepareStatement("DELETE FROM usage_daily WHERE day < ?")) {
            records.setLong(1, before.get().toEpochMilli());
            removed = records.executeUpdate();
            days.setString(1, UsageQueries.day(before.get()));
            days.executeUpdate();
        }
        if (removed > 0 && !UsageQueries.floorDay(before.get()).equals(before.get())) {
            UsageRows.rebuildDay(writeConnection, UsageQueries.day(before.get()));
        }
        if (removed > 0) {
            UsageTotals.rebuild(writeConnection, dialect);
        }
        return removed;
    }

    private void prune() {
        nextPrune = clock.instant().plus(PRUNE_EVERY);
        if (retention.isZero()) {
            return;
        }
        Instant cutoff = clock.instant().minus(retention);
        int[] removed = {0};
        if (inTransaction(() -> removed[0] = delete(Optional.of(cutoff)), "delete old usage records") == Outcome.DONE
                && removed[0] > 0) {
            LOG.info("Deleted {} usage records older than {} days", removed[0], retention.toDays());
        }
    }

    /** The legacy JSONL file, once: imported in one transaction, then renamed so it is never imported again. */
    private void importOnce(Path jsonl) {
        if (!Files.isRegularFile(jsonl)) {
            return;
        }
        long[] count = {0};
        boolean imported = inTransaction(() -> {
            try {
                Connection connection = writeConnection();
                count[0] = LegacyUsageFile.read(jsonl, BATCH * 10, records -> UsageRows.insert(connection, records));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "import " + jsonl) == Outcome.DONE;
        if (imported) {
            try {
                Files.move(jsonl, jsonl.resolveSibling(jsonl.getFileName() + ".imported"),
                        StandardCopyOption.REPLACE_EXISTING);
                LOG.info("Imported {} usage records from {}", count[0], jsonl);
            } catch (IOException e) {
                LOG.warn("Imported {} but could not rename it (it will be imported again): {}", jsonl, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        synchronized (done) {
            done.notifyAll(); // readers waiting for records stop waiting
        }
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (readLock) {
            if (readConnection != null) {
                closeQuietly(readConnection);
            }
        }
        writeLock.lock();
        try {
            dropWriteConnection();
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the usage database: {}", e.getMessage());
        }
    }
}
