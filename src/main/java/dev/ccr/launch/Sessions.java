package dev.ccr.launch;

import dev.ccr.config.AtomicFiles;
import dev.ccr.config.CcrHome;
import dev.ccr.daemon.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Counts the live sessions of every launcher ({@code ccr code}, {@code codex}, {@code gemini}, {@code opencode}) and
 * remembers whether one of them started the server, so the last session to exit stops it only then (CCR stops it even
 * when the user started it, pitfall P-15). The "started by code" names predate the other launchers and mean any.
 *
 * <p>CCR keeps one number in {@code $TMPDIR/claude-code-reference-count.txt}, shared by every user of the machine and
 * wrong forever after a crash (P-26). ccr keeps one file per session under {@code runtime/sessions/} in its home,
 * named and filled with the owning process's PID: a session whose process died no longer counts. Check-and-act steps
 * run under a file lock (other processes) plus an in-JVM lock (threads of one process, which a file lock does not
 * exclude).
 */
public final class Sessions {
    /** One lock per home folder for the threads of this JVM; file locks are per process. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final CcrHome home;

    public Sessions(CcrHome home) {
        this.home = home;
    }

    public Path dir() {
        return home.runtime().resolve("sessions");
    }

    private Path marker() {
        return home.runtime().resolve("started-by-code.pid");
    }

    /** One registered session; closing it removes it. */
    public final class Session implements AutoCloseable {
        private final Path file;

        private Session(Path file) {
            this.file = file;
        }

        @Override
        public void close() {
            Service.deleteQuietly(file);
        }
    }

    public Session register() {
        try {
            Files.createDirectories(dir());
            long pid = ProcessHandle.current().pid();
            Path file = dir().resolve(pid + "-" + UUID.randomUUID());
            Files.writeString(file, Long.toString(pid), StandardCharsets.UTF_8);
            return new Session(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the session in " + dir() + ": " + e.getMessage(), e);
        }
    }

    /** Live sessions; files of processes that died are removed. */
    public int live() {
        if (!Files.isDirectory(dir())) {
            return 0;
        }
        int count = 0;
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.toList()) {
                if (alive(file)) {
                    count++;
                } else {
                    Service.deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            return count;
        }
        return count;
    }

    private static boolean alive(Path file) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
            return ProcessHandle.of(pid).map(Service::alive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Remembers that {@code ccr code} started the server with this PID. */
    public void markStartedByCode(long serverPid) {
        try {
            AtomicFiles.write(marker(), Long.toString(serverPid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PID of the server {@code ccr code} started, if it did. */
    public Optional<Long> startedByCode() {
        try {
            return Optional.of(Long.parseLong(Files.readString(marker(), StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void forgetStartedByCode() {
        Service.deleteQuietly(marker());
    }

    /** {@code ccr stop} forgets every session and the marker, as CCR deletes its count file. */
    public void forgetAll() {
        forgetStartedByCode();
        if (Files.isDirectory(dir())) {
            try (Stream<Path> files = Files.list(dir())) {
                files.forEach(Service::deleteQuietly);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** Runs {@code action} while holding the home's lock, against other ccr processes and other threads. */
    public <T> T locked(Supplier<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(home.dir().toAbsolutePath().normalize(), k -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(home.runtime());
            try (FileChannel channel = FileChannel.open(home.runtime().resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    return action.get();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + home.runtime() + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }
}
