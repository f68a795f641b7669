package dev.ccr.app;

import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigProblem;
import dev.ccr.config.FileWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the config file when something else writes it (an editor, {@code ccr model}, a team's deploy): a
 * {@link FileWatch} on it reloads once the writes settle. A file that does not validate is refused with one log line
 * naming its problems, and the running config stays.
 */
final class ConfigWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    /**
     * Re-reads the file; empty when the same text was applied already, else the changed settings that wait for a
     * restart.
     */
    @FunctionalInterface
    interface Reload {
        Optional<List<String>> apply() throws ConfigException;
    }

    private ConfigWatcher() {
    }

    /** Starts watching {@code file}; when the file system cannot watch, says so and returns a watcher that does nothing. */
    static AutoCloseable start(Path file, Reload reload) {
        return FileWatch.start("ccr-config-watch", "Config changes on disk (saves through the UI still apply)", Set.of(file),
                changed -> apply(file, reload));
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
}
