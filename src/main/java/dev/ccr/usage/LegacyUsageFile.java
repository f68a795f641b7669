package dev.ccr.usage;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The fork's legacy {@code data/usage.jsonl} (and ccr's before the database): one record a line; bad lines skipped. */
final class LegacyUsageFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyUsageFile() {
    }

    /** The records, handed over {@code chunk} at a time, so a large file never sits in memory whole; returns the count. */
    static long read(Path file, int chunk, Chunk consumer) throws IOException, SQLException {
        long count = 0;
        List<UsageRecord> records = new ArrayList<>(chunk);
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    UsageRecord.fromJson(JSON.readTree(line)).ifPresent(records::add);
                } catch (IOException malformed) {
                    // skipped, as the fork does
                }
                if (records.size() == chunk) {
                    consumer.accept(records);
                    count += records.size();
                    records.clear();
                }
            }
        }
        consumer.accept(records);
        return count + records.size();
    }

    interface Chunk {
        void accept(List<UsageRecord> records) throws SQLException;
    }
}
