package dev.ccr.daemon;

import dev.ccr.config.CcrHome;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the router in the background: {@code java -cp <this jar> dev.ccr.cli.Main start} as a child in its own
 * session (so closing the terminal or Ctrl-C does not reach it), its output in {@code logs/daemon.log}, then waits
 * until the child has written its PID file and answers {@code GET /health} — or has exited, or the timeout passed.
 * CCR instead waits for the PID file only and then sleeps (docs/cli.md).
 */
public final class ServerProcess {
    private static final Duration POLL = Duration.ofMillis(50);

    private final Setting context;
    private final Service service;

    /**
     * Where and how a background server starts.
     *
     * @param home         the profile's home: its PID file and {@code logs/}
     * @param rootHome     ccr's home folder, pinned for the child as {@code ccr.home}
     * @param profile      the profile the child serves
     * @param env          the child's whole environment
     * @param startTimeout how long the child gets to answer {@code /health}
     * @param mainClass    the class whose {@code main} runs {@code --profile <profile> start}
     */
    public record Setting(CcrHome home, CcrHome rootHome, String profile, Map<String, String> env, Clock clock,
                          Duration startTimeout, String mainClass) {
    }

    public ServerProcess(Setting setting) {
        this.context = setting;
        this.service = new Service(setting.home());
    }

    /** The result of a background start. */
    public sealed interface Outcome {
        public record Started(Service.Running server, Duration took) implements Outcome {
        }

        public record Failed(String reason) implements Outcome {
        }
    }

    /** The file the background server's console output goes to. */
    public Path logFile() {
        return context.home().logs().resolve("daemon.log");
    }

    /** Starts a background server with {@code configFile} (or the home's config when empty) and waits for it. */
    public Outcome start(Optional<Path> configFile) {
        Instant begin = context.clock().instant();
        long startNanos = System.nanoTime();
        Process child;
        try {
            Files.createDirectories(context.home().logs());
            ProcessBuilder builder = new ProcessBuilder(command(configFile))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            builder.environment().clear();
            builder.environment().putAll(context.env());
            child = builder.start();
        } catch (IOException e) {
            return new Outcome.Failed("Could not start the background server: " + e.getMessage());
        }
        long deadline = startNanos + context.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Service.Running> running = service.running(-1).filter(r -> r.pid() == child.pid());
            if (running.isPresent() && HealthProbe.healthy(running.get().port())) {
                return new Outcome.Started(running.get(), Duration.ofNanos(System.nanoTime() - startNanos));
            }
            if (!child.isAlive()) {
                Optional<Service.Running> other = service.running(-1);
                if (child.exitValue() == 0 && other.isPresent() && HealthProbe.healthy(other.get().port())) {
                    return new Outcome.Started(other.get(), Duration.ofNanos(System.nanoTime() - startNanos));
                }
                return new Outcome.Failed("The background server exited with code " + child.exitValue() + ":\n"
                        + tail(logFile(), 12));
            }
            sleep(POLL);
        }
        child.destroy();
        return new Outcome.Failed("The background server did not answer within " + context.startTimeout().toSeconds()
                + " s (started " + begin + "); it was stopped. Its output:\n" + tail(logFile(), 12));
    }

    /**
     * The child's command: this JVM's {@code java}, the flags ccr's launcher passes on new JDKs, {@code ccr.home}
     * pinned to ccr's home folder, this JVM's class path (the jar when run from it), and this context's profile (the
     * child must not pick whichever profile is active by the time it reads the file).
     */
    public List<String> command(Optional<Path> configFile) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedJvmOptions());
        String extra = context.env().get("CCR_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        command.add("-Dccr.home=" + context.rootHome().dir().toAbsolutePath());
        command.add("-Dccr.daemon=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(context.mainClass());
        command.add("--profile");
        command.add(context.profile());
        command.add("start");
        configFile.ifPresent(f -> {
            command.add("--config");
            command.add(f.toAbsolutePath().toString());
        });
        return command;
    }

    /**
     * The options the {@code ccr} launcher gave this JVM (heap, collector, AOT cache, native-access flags), so the
     * background server runs exactly as a foreground one would; or, when started some other way, the flags JDK 22+
     * needs to stay quiet. Options naming ccr's home and anything already in {@code CCR_JAVA_OPTS} are set again below.
     */
    private List<String> inheritedJvmOptions() {
        String extra = context.env().getOrDefault("CCR_JAVA_OPTS", "");
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-Dccr.") && !option.startsWith("-agentlib")
                        && !option.startsWith("-javaagent") && !option.startsWith("-XX:AOTCacheOutput") && !extra.contains(option))
                .toList();
        if (!inherited.isEmpty()) {
            return inherited;
        }
        List<String> quiet = new ArrayList<>();
        int feature = Runtime.version().feature();
        if (feature >= 22) {
            quiet.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 23) {
            quiet.add("--sun-misc-unsafe-memory-access=allow");
        }
        return quiet;
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "  " + String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size()))
                    + "\n(full output: " + file + ")";
        } catch (IOException e) {
            return "  (no output; see " + file + ")";
        }
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win") ? "NUL" : "/dev/null");
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the server");
        }
    }
}
