package dev.ccr.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded usage store: {@code data/usage.sqlite} in WAL mode (spec §7.1). Requests only put their record on a
 * bounded queue; one writer thread writes what has queued in one transaction per batch, daily sums included, so a
 * {@code kill -9} costs at most the batch in flight and {@link #close} writes everything queued. Records older than
 * the retention are deleted at start and hourly.
 */
public final class SqliteUsageStore implements UsageStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteUsageStore.class);
    static final int QUEUE_CAPACITY = 10_000;
    static final int BATCH = 500;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** How long a read waits for the records appended before it to be written. */
    private static final long READ_WAIT_MS = 5_000;

    private final Path file;
    private final Clock clock;
    private final Duration retention;
    private final BlockingQueue<UsageRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong accepted = new AtomicLong();
    /** Records the writer has finished with (written, or lost to an error); guarded by itself. */
    private final long[] done = {0};
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writeConnection;
    private final Connection readConnection;
    private final Thread writer;
    private volatile boolean open = true;
    private Instant nextPrune;

    private SqliteUsageStore(Path file, Clock clock, Duration retention, Connection writeConnection,
                             Connection readConnection) {
        this.file = file;
        this.clock = clock;
        this.retention = retention;
        this.writeConnection = writeConnection;
        this.readConnection = readConnection;
        this.writer = Thread.ofPlatform().daemon().name("ccr-usage-writer").unstarted(this::writeUntilClosed);
    }

    /**
     * Opens (or creates) the database, imports {@code legacyJsonl} once when it exists (then renames it
     * {@code *.imported}), deletes records past the retention and starts the writer.
     *
     * @param retention how long records are kept; zero keeps them forever
     */
    public static SqliteUsageStore open(Path file, Optional<Path> legacyJsonl, Clock clock, Duration retention) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection write = connect(file);
            UsageSchema.create(write);
            write.setAutoCommit(false);
            SqliteUsageStore store = new SqliteUsageStore(file, clock, retention, write, connect(file));
            legacyJsonl.ifPresent(store::importOnce);
            store.prune();
            store.writer.start();
            return store;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not open the usage database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        UsageSchema.configure(connection);
        return connection;
    }

    public Path file() {
        return file;
    }

    @Override
    public void append(UsageRecord record) {
        if (!open) {
            LOG.debug("usage store closed; record {} dropped", record.id());
        } else if (queue.offer(record)) {
            accepted.incrementAndGet();
        } else {
            LOG.warn("usage records arrive faster than {} can take them; record {} dropped", file, record.id());
        }
    }

    private void writeUntilClosed() {
        List<UsageRecord> batch = new ArrayList<>(BATCH);
        while (open || !queue.isEmpty()) {
            try {
                UsageRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                    batch.clear();
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

    private void write(List<UsageRecord> batch) {
        inTransaction(() -> UsageRows.insert(writeConnection, batch), "write " + batch.size() + " usage records");
        synchronized (done) {
            done[0] += batch.size();
            done.notifyAll();
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction on the write connection; a failure is logged and rolled back. */
    private boolean inTransaction(SqlWork work, String what) {
        writeLock.lock();
        try {
            work.run();
            writeConnection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not {} in {}: {}", what, file, e.getMessage());
            try {
                writeConnection.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the next batch reports it
            }
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    /** Waits until the records accepted so far are written, so a read sees what was appended before it. */
    private void awaitWritten() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_WAIT_MS);
        synchronized (done) {
            while (done[0] < target && open) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(done, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public List<UsageRecord> records(UsageFilter filter) {
        UsageQueries.Where where = UsageQueries.records(filter);
        return read("SELECT " + UsageRows.COLUMNS + " FROM usage_records" + where.sql() + " ORDER BY ts, rowid",
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
                + " ORDER BY ts DESC, rowid DESC LIMIT ? OFFSET ?", params);
        return new Page(records, summary, summary.totalRequests(), page, pageSize);
    }

    @Override
    public UsageSummary summary(UsageFilter filter) {
        awaitWritten();
        synchronized (readConnection) {
            try {
                return UsageQueries.summary(readConnection, filter);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read usage from " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private List<UsageRecord> read(String sql, List<Object> params) {
        awaitWritten();
        synchronized (readConnection) {
            try (PreparedStatement statement = UsageQueries.prepare(readConnection, sql, params);
                 ResultSet rows = statement.executeQuery()) {
                List<UsageRecord> records = new ArrayList<>();
                while (rows.next()) {
                    records.add(UsageRows.read(rows));
                }
                return records;
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read usage from " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public int clear(Optional<Instant> before) {
        awaitWritten();
        int[] removed = {0};
        boolean ok = inTransaction(() -> removed[0] = delete(before), "delete usage records");
        if (!ok) {
            throw new IllegalStateException("Could not delete usage records from " + file);
        }
        return removed[0];
    }

    /** Deletes the records before {@code before} (all when empty) and their daily sums; the caller commits. */
    private int delete(Optional<Instant> before) throws SQLException {
        if (before.isEmpty()) {
            try (Statement s = writeConnection.createStatement()) {
                s.executeUpdate("DELETE FROM usage_daily");
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
        return removed;
    }

    private void prune() {
        nextPrune = clock.instant().plus(PRUNE_EVERY);
        if (retention.isZero()) {
            return;
        }
        Instant cutoff = clock.instant().minus(retention);
        int[] removed = {0};
        if (inTransaction(() -> removed[0] = delete(Optional.of(cutoff)), "delete old usage records") && removed[0] > 0) {
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
                count[0] = LegacyUsageFile.read(jsonl, BATCH * 10, records -> UsageRows.insert(writeConnection, records));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "import " + jsonl);
        if (imported) {
            try {
                Files.move(jsonl, jsonl.resolveSibling(jsonl.getFileName() + ".imported"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
        synchronized (readConnection) {
            closeQuietly(readConnection);
        }
        writeLock.lock();
        try {
            closeQuietly(writeConnection);
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
