package dev.ccr.usage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where usage records are kept: appended off the request path, read back filtered, paged and summed. The embedded
 * implementation is {@link JdbcUsageStore}, over the embedded SQLite file or a team's PostgreSQL.
 * Reads see every record appended before them.
 */
public interface UsageStore extends AutoCloseable {
    /** A store that {@code opener} opens on a background thread; appends meanwhile are kept, reads wait for it. */
    static UsageStore openInBackground(Supplier<UsageStore> opener) {
        return new BackgroundOpenedStore(opener);
    }

    /** A page of records, newest first, with the summary and count of everything the filter kept. */
    record Page(List<UsageRecord> records, UsageSummary summary, long total, int page, int pageSize) {
        public Page {
            records = List.copyOf(records);
        }
    }

    /** Queues {@code record} for writing; never blocks and never throws. */
    void append(UsageRecord record);

    /** Every record the filter keeps, oldest first (for tests and exports; the API pages). */
    List<UsageRecord> records(UsageFilter filter);

    /** Page {@code page} (from 1) of the kept records, newest first, and their summary. */
    Page page(UsageFilter filter, int page, int pageSize);

    UsageSummary summary(UsageFilter filter);

    /** Removes the records older than {@code before}, or all of them when empty; returns how many went. */
    int clear(Optional<Instant> before);

    /** Writes what is queued, then releases the store; appends after this are dropped. */
    @Override
    void close();
}
