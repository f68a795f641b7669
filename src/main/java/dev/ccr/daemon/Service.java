package dev.ccr.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.AtomicFiles;
import dev.ccr.config.CcrHome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The router as the command line sees it: the PID file CCR writes ({@code ~/.claude-code-router/.claude-code-router.pid},
 * the bare number, docs/cli.md), a {@code runtime/server.json} beside it saying where that server listens, and whether
 * the process behind them is alive. A PID file whose process is gone, unreadable, or now some other program is stale
 * and is deleted when read.
 */
public final class Service {
    /** How long {@code ccr stop} and the last {@code ccr code} session wait after SIGTERM before forcing the stop. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CcrHome home;

    public Service(CcrHome home) {
        this.home = home;
    }

    /** Where a running server listens and since when; {@code configFile} is the config it was started with. */
    public record Running(long pid, ProcessHandle process, String host, int port, Optional<Path> configFile,
                   Optional<Instant> startedAt) {
        public String endpoint() {
            return "http://127.0.0.1:" + port;
        }
    }

    public Path pidFile() {
        return home.pidFile();
    }

    public Path infoFile() {
        return home.runtime().resolve("server.json");
    }

    /**
     * The running server, or empty (and the stale PID file removed). {@code fallbackPort} is used when the server did
     * not leave a {@code server.json} (a server started by CCR itself).
     */
    public Optional<Running> running(int fallbackPort) {
        Optional<Long> pid = readPid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(Service::alive);
        if (process.isEmpty() || !looksLikeARouter(process.get())) {
            cleanUp(pid.get());
            return Optional.empty();
        }
        JsonNode info = readInfo().filter(i -> i.path("pid").asLong() == pid.get()).orElse(JSON.createObjectNode());
        int port = info.path("port").canConvertToInt() ? info.path("port").asInt() : fallbackPort;
        Optional<Path> config = info.hasNonNull("config") ? Optional.of(Path.of(info.get("config").asText())) : Optional.empty();
        Optional<Instant> started = process.get().info().startInstant()
                .or(() -> info.hasNonNull("startedAt") ? Optional.of(Instant.parse(info.get("startedAt").asText())) : Optional.empty());
        return Optional.of(new Running(pid.get(), process.get(), info.path("host").asText("127.0.0.1"), port, config, started));
    }

    /** Written by the server process itself once it listens (foreground and background alike). */
    public void recordStarted(long pid, String host, int port, Path configFile, Instant startedAt) {
        try {
            Files.createDirectories(home.runtime());
            ObjectNode info = JSON.createObjectNode().put("pid", pid).put("host", host).put("port", port)
                    .put("config", configFile.toAbsolutePath().toString()).put("startedAt", startedAt.toString());
            AtomicFiles.write(infoFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info) + "\n");
            AtomicFiles.write(pidFile(), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the PID file " + pidFile() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the PID file and server info, but only if they still name {@code pid} (another server may own them now). */
    public void recordStopped(long pid) {
        if (readPid().filter(p -> p == pid).isPresent()) {
            cleanUp(pid);
        }
    }

    /**
     * Stops the server named by the PID file with SIGTERM, waits for it to exit (forcibly after {@code grace}), and
     * removes the PID file. Returns false when there was nothing to stop.
     */
    public boolean stop(Duration grace) {
        Optional<Long> pid = readPid();
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(Service::alive);
        if (process.isEmpty() || !looksLikeARouter(process.get())) {
            cleanUp(pid.get());
            return false;
        }
        ProcessHandle handle = process.get();
        boolean signalled = handle.destroy();
        if (!signalled || !waitForExit(handle, grace)) {
            handle.destroyForcibly();
            waitForExit(handle, Duration.ofSeconds(5));
        }
        cleanUp(pid.get());
        return !alive(handle);
    }

    /**
     * Polls rather than {@code onExit()}: a server started in the background is no child of this process, and once
     * it has exited it stays a zombie until init reaps it, which {@code ProcessHandle} still reports as alive.
     */
    private static boolean waitForExit(ProcessHandle handle, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(handle)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !alive(handle);
            }
        }
        return true;
    }

    /** Alive and not a zombie (Linux: state {@code Z} in {@code /proc/<pid>/stat}). */
    public static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return true; // no /proc (macOS, Windows): trust isAlive
        }
    }

    /**
     * A PID can be reused by another program after a crash; CCR would then signal that program. ccr only treats the
     * process as its server when its command line mentions ccr (or CCR's Node server) or cannot be read at all.
     */
    public static boolean looksLikeARouter(ProcessHandle process) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return true;
        }
        Optional<String> commandLine = process.info().commandLine();
        if (commandLine.isEmpty()) {
            return true;
        }
        String c = commandLine.get();
        return c.contains("ccr") || c.contains("claude-code-router") || c.contains("cli.js");
    }

    public Optional<Long> readPid() {
        String text;
        try {
            text = Files.readString(pidFile(), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return Optional.of(pid);
            }
        } catch (NumberFormatException ignored) {
            // not a PID: stale, removed below
        }
        deleteQuietly(pidFile());
        return Optional.empty();
    }

    private Optional<JsonNode> readInfo() {
        try {
            return Optional.of(JSON.readTree(Files.readString(infoFile(), StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void cleanUp(long pid) {
        deleteQuietly(pidFile());
        if (readInfo().filter(i -> i.path("pid").asLong() != pid).isEmpty()) {
            deleteQuietly(infoFile());
        }
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
