package dev.ccr.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells when files that ccr reads once (the config, a custom router, a plugin) are written by something else: watches
 * their folders, waits for the writes to settle, and hands over which of the files changed. The request path never
 * looks at the files; only this thread does, when the operating system reports a change.
 */
public final class FileWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileWatch.class);
    /** Editors write a file in several steps; the last write within this long is the one applied. */
    static final long SETTLE_MILLIS = 150;

    private final WatchService watch;
    private final Thread thread;

    private FileWatch(String name, WatchService watch, Map<WatchKey, Path> folders, Set<Path> files, Consumer<Set<Path>> changed) {
        this.watch = watch;
        this.thread = Thread.ofVirtual().name(name).start(() -> run(folders, files, changed));
    }

    /**
     * Starts watching {@code files}; {@code changed} gets the ones written, once their writes settled, on the watch's
     * own thread. When the file system cannot watch, says so once and returns a watch that does nothing.
     *
     * @param what how the warning names the files, e.g. "Config changes on disk"
     */
    public static AutoCloseable start(String name, String what, Set<Path> files, Consumer<Set<Path>> changed) {
        if (files.isEmpty()) {
            return () -> { };
        }
        WatchService watch = null;
        try {
            watch = FileSystems.getDefault().newWatchService();
            Map<WatchKey, Path> folders = new HashMap<>();
            Set<Path> absolute = new LinkedHashSet<>();
            for (Path file : files) {
                Path full = file.toAbsolutePath().normalize();
                absolute.add(full);
                Path folder = full.getParent();
                if (!folders.containsValue(folder)) {
                    folders.put(folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY), folder);
                }
            }
            return new FileWatch(name, watch, folders, absolute, changed);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("{} are not watched ({}); they apply at the next start", what, e.getMessage());
            if (watch != null) {
                try {
                    watch.close();
                } catch (IOException ignored) {
                    // nothing was watched
                }
            }
            return () -> { };
        }
    }

    private void run(Map<WatchKey, Path> folders, Set<Path> files, Consumer<Set<Path>> changed) {
        try {
            while (true) {
                Set<Path> written = new LinkedHashSet<>();
                collect(watch.take(), folders, files, written);
                if (written.isEmpty()) {
                    continue;
                }
                for (WatchKey more; (more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    collect(more, folders, files, written);
                }
                try {
                    changed.accept(written);
                } catch (RuntimeException e) {
                    LOG.warn("Applying the changed {} failed: {}", written, e.getMessage());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed with the router
        }
    }

    private static void collect(WatchKey key, Map<WatchKey, Path> folders, Set<Path> files, Set<Path> written) {
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (folder != null && event.context() instanceof Path name && files.contains(folder.resolve(name))) {
                written.add(folder.resolve(name));
            }
        }
        key.reset();
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
