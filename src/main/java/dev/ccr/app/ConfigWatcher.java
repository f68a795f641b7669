package dev.ccr.app;

import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Applies the config file when something else writes it (an editor, {@code ccr model}, a team's deploy): watches its
 * folder, waits for the writes to settle, and reloads. A file that does not validate is refused with one log line
 * naming its problems, and the running config stays.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    /** Editors write a file in several steps; the last write within this long is the one applied. */
    private static final long SETTLE_MILLIS = 150;

    /**
     * Re-reads the file; empty when the same text was applied already, else the changed settings that wait for a
     * restart.
     */
    @FunctionalInterface
    interface Reload {
        Optional<List<String>> apply() throws ConfigException;
    }

    private final WatchService watch;
    private final Thread thread;

    private ConfigWatcher(WatchService watch, Path file, Reload reload) {
        this.watch = watch;
        this.thread = Thread.ofVirtual().name("ccr-config-watch").start(() -> run(file, reload));
    }

    /** Starts watching {@code file}; when the file system cannot watch, says so and returns a watcher that does nothing. */
    static AutoCloseable start(Path file, Reload reload) {
        try {
            WatchService watch = FileSystems.getDefault().newWatchService();
            file.toAbsolutePath().getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            return new ConfigWatcher(watch, file.toAbsolutePath(), reload);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Config changes on disk are not watched ({}); saves through the UI still apply", e.getMessage());
            return () -> { };
        }
    }

    private void run(Path file, Reload reload) {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean ours = key.pollEvents().stream().anyMatch(e -> file.getFileName().equals(e.context()));
                key.reset();
                if (!ours) {
                    continue;
                }
                for (WatchKey more; (more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    more.pollEvents();
                    more.reset();
                }
                apply(file, reload);
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed with the router
        }
    }

    private static void apply(Path file, Reload reload) {
        try {
            reload.apply().ifPresent(restartOnly -> LOG.info("Applied the changed config {}{}", file, restartOnly.isEmpty()
                    ? "" : "; these apply at the next start (ccr restart): " + String.join(", ", restartOnly)));
        } catch (ConfigException e) {
            LOG.warn("The changed config {} is not applied: {}{}", file, e.getMessage(), e.problems().isEmpty() ? ""
                    : ": " + e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        } catch (RuntimeException e) {
            LOG.warn("The changed config {} is not applied: {}", file, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
