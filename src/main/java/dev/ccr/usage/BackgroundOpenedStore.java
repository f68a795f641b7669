package dev.ccr.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A store that opens in the background, so that the router answers before the database is ready: opening SQLite
 * (its native library checked and loaded, the schema, the legacy import, the pruning) took a tenth of the time to
 * the first answered request (docs/benchmarks.md). Records appended meanwhile are kept, in order, and handed over
 * when it is open; reads wait for it. A store that fails to open is reported once and drops records.
 */
final class BackgroundOpenedStore implements UsageStore {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundOpenedStore.class);
    /** Records kept while opening; a router answers a few hundred requests in the time SQLite takes to open. */
    private static final int MAX_PENDING = 10_000;

    private final CompletableFuture<UsageStore> opened;
    private final List<UsageRecord> pending = new ArrayList<>();
    private volatile UsageStore ready;

    BackgroundOpenedStore(Supplier<UsageStore> opener) {
        this.opened = CompletableFuture.supplyAsync(() -> handOver(opener.get()),
                runnable -> Thread.ofPlatform().daemon().name("ccr-usage-open").start(runnable));
        opened.exceptionally(failure -> {
            LOG.error("usage records will not be kept: {}", rootMessage(failure));
            synchronized (pending) {
                pending.clear();
            }
            return null;
        });
    }

    private UsageStore handOver(UsageStore store) {
        synchronized (pending) {
            pending.forEach(store::append);
            pending.clear();
            ready = store;
        }
        return store;
    }

    @Override
    public void append(UsageRecord record) {
        UsageStore store = ready;
        if (store != null) {
            store.append(record);
            return;
        }
        synchronized (pending) {
            if (ready != null) {
                ready.append(record);
            } else if (!opened.isDone() && pending.size() < MAX_PENDING) {
                pending.add(record);
            }
        }
    }

    @Override
    public List<UsageRecord> records(UsageFilter filter) {
        return store().records(filter);
    }

    @Override
    public Page page(UsageFilter filter, int page, int pageSize) {
        return store().page(filter, page, pageSize);
    }

    @Override
    public UsageSummary summary(UsageFilter filter) {
        return store().summary(filter);
    }

    @Override
    public int clear(Optional<Instant> before) {
        return store().clear(before);
    }

    @Override
    public void close() {
        try {
            store().close();
        } catch (IllegalStateException e) {
            // it never opened: nothing to release
        }
    }

    /** The open store, with the records appended while it opened handed over. */
    private UsageStore store() {
        try {
            return opened.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The usage database is not available: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
