package dev.ccr.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

/**
 * The fork's legacy usage store (spec §7.1): {@code data/usage.jsonl}, one record a line, appended. One writer thread
 * owns the file, so requests never wait for the disk and reads (queued behind pending appends) see every record
 * appended before them. Malformed lines are skipped on read.
 */
public final class UsageStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page of records, newest first, with the summary and count of everything the filter kept. */
    public record Page(List<UsageRecord> records, UsageSummary summary, long total, int page, int pageSize) {
    }

    private final Path file;
    private final ExecutorService writer;
    /** Open while records are being appended; touched only on the writer thread. */
    private BufferedWriter out;

    public UsageStore(Path file) {
        this.file = file;
        this.writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("ccr-usage-writer").factory());
    }

    public Path file() {
        return file;
    }

    /** Queues {@code record} for appending; never blocks and never throws. */
    public void append(UsageRecord record) {
        try {
            writer.execute(() -> {
                try {
                    // The file stays open between records: opening it per record halved the router's throughput.
                    if (out == null) {
                        Files.createDirectories(file.toAbsolutePath().getParent());
                        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                    out.write(JSON.writeValueAsString(record.toJson()));
                    out.write('\n');
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not append a usage record to {}: {}", file, e.toString());
                    closeAppender();
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("usage store closed; record {} dropped", record.id());
        }
    }

    /** Every readable record the filter keeps, in file (append) order. */
    public List<UsageRecord> records(UsageFilter filter) {
        return onWriter(() -> readAll().stream().filter(filter::test).toList());
    }

    /** Page {@code page} (from 1) of the kept records, newest first. */
    public Page page(UsageFilter filter, int page, int pageSize) {
        List<UsageRecord> kept = new ArrayList<>(records(filter));
        kept.sort(Comparator.comparing(UsageRecord::timestamp).reversed());
        int from = (int) Math.min((long) (page - 1) * pageSize, kept.size());
        int to = Math.min(from + pageSize, kept.size());
        return new Page(List.copyOf(kept.subList(from, to)), UsageSummary.of(kept), kept.size(), page, pageSize);
    }

    public UsageSummary summary(UsageFilter filter) {
        return UsageSummary.of(records(filter));
    }

    /**
     * Removes the records older than {@code before}, or all of them when empty; malformed lines go too. Returns how
     * many records were removed.
     */
    public int clear(java.util.Optional<Instant> before) {
        return onWriter(() -> {
            closeAppender(); // the file is replaced below; the next append reopens it
            List<UsageRecord> all = readAll();
            List<UsageRecord> kept = before.map(b -> all.stream().filter(r -> !r.timestamp().isBefore(b)).toList())
                    .orElse(List.of());
            if (Files.exists(file)) {
                Path temp = file.resolveSibling(file.getFileName() + ".tmp");
                try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    for (UsageRecord r : kept) {
                        out.write(JSON.writeValueAsString(r.toJson()));
                        out.write('\n');
                    }
                }
                Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return all.size() - kept.size();
        });
    }

    private List<UsageRecord> readAll() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<UsageRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode json = JSON.readTree(line);
                UsageRecord.fromJson(json).ifPresent(records::add);
            } catch (IOException malformed) {
                // skipped, as the fork does
            }
        }
        return records;
    }

    private <T> T onWriter(Callable<T> task) {
        Future<T> result = writer.submit(task);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading usage records", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("reading usage records failed", e.getCause());
        }
    }

    private void closeAppender() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the records were flushed as they were written
            }
            out = null;
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        try {
            writer.execute(this::closeAppender);
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
