package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads and writes the config file: creates CCR's minimal default when it is missing, loads JSON5, and saves
 * atomically after copying the previous file to a timestamped backup (the 3 newest are kept; docs/ccr-checklist.md item
 * 50).
 */
public final class ConfigStore {
    /** What CCR writes when there is no config file (docs/ccr-checklist.md item 48). */
    static final String MINIMAL_DEFAULT = "{\n  \"PORT\": 3456,\n  \"Providers\": [],\n  \"Router\": {}\n}\n";
    static final int BACKUPS_KEPT = 3;
    /** CCR's ISO-8601 stamp with ':' and '.' as '-', always with milliseconds so names sort by time. */
    private static final DateTimeFormatter BACKUP_STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss-SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final Map<String, String> env;
    private final Clock clock;

    public ConfigStore(Path file, Map<String, String> env, Clock clock) {
        this.file = file;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /**
     * Loads the config, creating the minimal default first when the file does not exist.
     *
     * @param notices receives the lines CCR prints to the user (file created, problems skipped)
     */
    public Config load(Consumer<String> notices) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = createDefault(notices);
        } catch (IOException e) {
            throw new ConfigException("Failed to read config file at " + file + "\nError details: " + e.getMessage(), e);
        }
        JsonNode document;
        try {
            document = Json5.parse(text);
        } catch (IOException e) {
            throw new ConfigException("Failed to parse config file at " + file + "\nError details: "
                    + e.getMessage() + "\nPlease check your config file syntax.", e);
        }
        Config config = ConfigParser.parse(document, env, file.toAbsolutePath().getParent());
        config.warnings().forEach(w -> notices.accept("Config warning: " + w));
        return config;
    }

    private String createDefault(Consumer<String> notices) throws ConfigException {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.createDirectories(dir.resolve("plugins"));
            Files.createDirectories(dir.resolve("logs"));
            write(MINIMAL_DEFAULT);
        } catch (IOException e) {
            throw new ConfigException("Failed to create the default config file at " + file + ": " + e.getMessage(), e);
        }
        notices.accept("Created minimal default configuration file at " + file);
        notices.accept("Please edit this file with your actual configuration.");
        return MINIMAL_DEFAULT;
    }

    /** Checks {@code document} as a load would, without saving it. */
    public void validate(JsonNode document) throws ConfigException {
        ConfigParser.parse(document, env, file.toAbsolutePath().getParent());
    }

    /** Checks {@code document}, backs up the current file, then replaces it atomically with pretty JSON. */
    public void save(JsonNode document) throws ConfigException, IOException {
        validate(document);
        backup();
        write(Json5.pretty(document));
    }

    /** Copies the current file to {@code config.json.<ISO time with : and . as ->.bak} and prunes old backups. */
    void backup() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        String stamp = BACKUP_STAMP.format(clock.instant());
        Files.copy(file, file.resolveSibling(file.getFileName() + "." + stamp + ".bak"), StandardCopyOption.REPLACE_EXISTING);
        List<Path> backups = backups();
        for (Path old : backups.subList(Math.min(BACKUPS_KEPT, backups.size()), backups.size())) {
            Files.deleteIfExists(old);
        }
    }

    /**
     * Puts the backup named {@code name} (one of {@link #backups()}) back as the config, after checking it and backing
     * up the current file.
     *
     * @throws ConfigException when there is no such backup or it does not load
     */
    public void restore(String name) throws ConfigException, IOException {
        // Read first: backing up the current file prunes the oldest backup, which may be this one.
        String text = Files.readString(backup(name), StandardCharsets.UTF_8);
        JsonNode document;
        try {
            document = Json5.parse(text);
        } catch (IOException e) {
            throw new ConfigException("The backup " + name + " does not parse: " + e.getMessage(), e);
        }
        validate(document);
        backup();
        write(text);
    }

    /** The backup named {@code name}, which must be one of {@link #backups()} (no other file can be named). */
    public Path backup(String name) throws ConfigException, IOException {
        return backups().stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("No config backup named " + name, List.of()));
    }

    /** Backups, newest first (their names sort by time). */
    public List<Path> backups() throws IOException {
        String prefix = file.getFileName().toString();
        try (Stream<Path> files = Files.list(file.toAbsolutePath().getParent())) {
            return new ArrayList<>(files
                    .filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".bak"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList());
        }
    }

    private void write(String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
