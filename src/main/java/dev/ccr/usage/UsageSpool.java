package dev.ccr.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.List;

/**
 * Usage records kept on disk while a team's database cannot be reached, one JSON line each (the legacy file's
 * format), up to {@link #MAX_BYTES}; written to the database, then deleted, when it is back. A process stopped
 * during the outage finds them at its next start.
 */
final class UsageSpool {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSpool.class);
    /** About 100,000 records: hours of a team's traffic. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final Path file;
    private boolean fullReported;

    UsageSpool(Path file) {
        this.file = file;
    }

    /** Appends {@code records}; false (and a warning, once per outage) when the spool is full and they are dropped. */
    boolean append(List<UsageRecord> records) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file) && Files.size(file) >= MAX_BYTES) {
                if (!fullReported) {
                    fullReported = true;
                    LOG.warn("{} holds {} MB of usage records waiting for the database; newer ones are dropped", file,
                            MAX_BYTES / 1024 / 1024);
                }
                return false;
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (UsageRecord r : records) {
                    out.write(r.toJson().toString());
                    out.write('\n');
                }
            }
            return true;
        } catch (IOException e) {
            LOG.warn("Could not keep {} usage records in {}: {}", records.size(), file, e.getMessage());
            return false;
        }
    }

    boolean isEmpty() {
        return !Files.exists(file);
    }

    /** Hands every spooled record to {@code consumer}, a chunk at a time; returns how many. */
    long read(int chunk, LegacyUsageFile.Chunk consumer) throws SQLException {
        try {
            return LegacyUsageFile.read(file, chunk, consumer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the spooled records (they are in the database now). */
    void clear() {
        try {
            Files.deleteIfExists(file);
            fullReported = false;
        } catch (IOException e) {
            LOG.warn("Could not delete {} (its records are written; they would be written again): {}", file, e.getMessage());
        }
    }

    Path file() {
        return file;
    }
}
