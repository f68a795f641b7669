package dev.ccr.cli;

import dev.ccr.config.CcrHome;
import dev.ccr.daemon.HealthProbe;
import dev.ccr.daemon.Service;
import dev.ccr.daemon.StopSignal;
import dev.ccr.launch.Sessions;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A fresh ccr home for one test, and a way to run {@code ccr} commands in it: {@code Ccr.commandLine(context)} with
 * its own environment, temp folder, input and captured output. Closing it stops any router a test left running in
 * this home and deletes the folder, so tests never share state and never touch the real {@code ~/.claude-code-router}.
 */
public final class CliTestHome implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> env = new HashMap<>(System.getenv());
    private final CountDownLatch stop = new CountDownLatch(1);
    private Browser browser = Browser.NONE;
    private final java.util.List<java.util.concurrent.CompletableFuture<Result>> foreground = new java.util.concurrent.CopyOnWriteArrayList<>();

    private CliTestHome(Path dir) {
        this.dir = dir;
        env.remove("CCR_CONFIG_DIR");
        env.remove("CLAUDE_PATH");
        env.remove("SERVICE_PORT");
        env.put("TMPDIR", dir.resolve("tmp").toString());
    }

    public static CliTestHome create() {
        try {
            Path dir = Files.createTempDirectory("ccr-cli-test");
            Files.createDirectories(dir.resolve("tmp"));
            return new CliTestHome(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago, on loopback. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    public Path pidFile() {
        return dir.resolve(".claude-code-router.pid");
    }

    public Path presets() {
        return dir.resolve("presets");
    }

    /** Profile {@code name}'s folder. */
    public Path profile(String name) {
        return dir.resolve("profiles").resolve(name);
    }

    public Path tempDir() {
        return dir.resolve("tmp");
    }

    public CliTestHome config(String json) {
        try {
            Files.writeString(configFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CliTestHome env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliTestHome browser(Browser browser) {
        this.browser = browser;
        return this;
    }

    /**
     * Runs {@code ccr start} in the foreground on a thread of this JVM and returns once {@code /health} answers on
     * {@code port}; {@link #close()} (or {@link #stopForeground()}) stops it. Never call {@code ccr stop} on it: its PID
     * is this JVM's.
     */
    public java.util.concurrent.CompletableFuture<Result> startForeground(int port) {
        return startForeground(port, "start");
    }

    /** As {@link #startForeground(int)}, running {@code command} (e.g. {@code --profile work start}). */
    public java.util.concurrent.CompletableFuture<Result> startForeground(int port, String... command) {
        java.util.concurrent.CompletableFuture<Result> run = inBackground(() -> run(command));
        foreground.add(run);
        waitUntil(Duration.ofSeconds(30), () -> run.isDone() || (HealthProbe.healthy(port) && recordedAsRunning(port)));
        if (run.isDone()) {
            throw new AssertionError("ccr start ended: " + run.join());
        }
        return run;
    }

    /**
     * Whether this home or one of its profiles has a PID file for a router on {@code port}. {@code ccr start} answers a
     * moment before it writes that file, and the commands that look for a running router read the file.
     */
    private boolean recordedAsRunning(int port) {
        Path profiles = dir.resolve("profiles");
        try (Stream<Path> homes = Stream.concat(Stream.of(dir), Files.isDirectory(profiles) ? Files.list(profiles) : Stream.empty())) {
            return homes.anyMatch(home -> new Service(new CcrHome(home)).running(-1).filter(r -> r.port() == port).isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code task} on a thread of its own. Not {@code CompletableFuture.supplyAsync}: the common pool has one
     * thread on a 2-core machine, and the JDK HTTP client completes responses there, so blocking it stalls them.
     */
    public static <T> java.util.concurrent.CompletableFuture<T> inBackground(java.util.function.Supplier<T> task) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "ccr-test-background");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Ends a foreground {@code ccr start} run in this home (its stop signal). */
    public void stopForeground() {
        stop.countDown();
    }

    public CliContext context(InputStream in, boolean interactive) {
        StopSignal signal = cleanup -> {
            stop.await();
            cleanup.run();
        };
        return new CliContext(env, new CcrHome(dir), Clock.systemUTC(), in, interactive, tempDir(), browser, signal,
                Duration.ofSeconds(40));
    }

    /** The result of one command. */
    public record Result(int code, String out, String err, Duration took) {
        @Override
        public String toString() {
            return "exit " + code + " after " + took.toMillis() + " ms\n--- out\n" + out + "--- err\n" + err;
        }
    }

    public Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), false, args);
    }

    /** Runs with {@code input} on stdin, as if typed at a terminal. */
    public Result answering(String input, String... args) {
        return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), true, args);
    }

    public Result run(InputStream in, boolean interactive, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Ccr.commandLine(context(in, interactive));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Polls {@code condition} every 20 ms; fails the test when it does not hold within {@code timeout}. */
    public static void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Whether process {@code pid} exists and has not exited (a zombie awaiting its reaper counts as exited). */
    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(Service::alive).orElse(false);
    }

    /** The PID in the PID file, if a router is running in this home. */
    public java.util.Optional<Long> runningPid() {
        return new Service(new CcrHome(dir)).running(-1).map(Service.Running::pid);
    }

    /** Live {@code ccr code} sessions in this home. */
    public int sessions() {
        return new Sessions(new CcrHome(dir)).live();
    }

    @Override
    public void close() {
        stop.countDown();
        for (var run : foreground) {
            try {
                run.get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the test that started it
            }
        }
        java.util.List<Path> homes = new java.util.ArrayList<>(java.util.List.of(dir));
        try (Stream<Path> profiles = Files.list(dir.resolve("profiles"))) {
            profiles.filter(Files::isDirectory).forEach(homes::add);
        } catch (IOException ignored) {
            // no profiles
        }
        for (Path home : homes) {
            Service service = new Service(new CcrHome(home));
            service.readPid().filter(pid -> pid != ProcessHandle.current().pid()).ifPresent(pid -> service.stop(Duration.ofSeconds(10)));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a file that vanished meanwhile needs no deleting
        }
    }
}
