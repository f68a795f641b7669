package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.daemon.HealthProbe;
import dev.ccr.daemon.PortCheck;
import dev.ccr.daemon.ServerProcess;
import dev.ccr.daemon.Service;
import dev.ccr.launch.ClaudeEnvironment;
import dev.ccr.launch.ClaudeModelSlots;
import dev.ccr.launch.InterruptGuard;
import dev.ccr.launch.Sessions;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code ccr code} run (spec §6.5): make sure the router answers (starting it in the background if needed),
 * count this session, launch Claude Code with every argument the user gave plus {@code --settings}, wait, and when
 * the last session ends stop the router if a {@code ccr code} started it. Returns Claude Code's exit code.
 *
 * <p>Differences from CCR, on purpose (pitfall P-15): arguments reach Claude Code exactly as given — positional prompt
 * included, no shell, no re-quoting; the environment is also set on the process, not only in the settings file;
 * a router the user started with {@code ccr start} is never stopped by {@code ccr code}; readiness is an HTTP probe.
 */
final class ClaudeSession {
    private final CliContext context;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Service service;
    private final Sessions sessions;

    ClaudeSession(CliContext context, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.service = new Service(context.home());
        this.sessions = new Sessions(context.home());
    }

    int run(Config config, List<String> args, ClaudeEnvironment.PresetLaunch preset, boolean needsServer) {
        Sessions.Session session;
        int port = config.port();
        if (needsServer) {
            Registration registration = sessions.locked(() -> {
                int serverPort = ensureRunning(config);
                return new Registration(serverPort, sessions.register());
            });
            session = registration.session();
            port = registration.port();
        } else {
            session = sessions.register();
        }
        int code;
        try {
            code = launch(config, args, preset, port);
        } finally {
            session.close();
            if (needsServer) {
                sessions.locked(() -> {
                    stopIfLastAndStartedByCode(config);
                    return null;
                });
            }
        }
        return code;
    }

    private record Registration(int port, Sessions.Session session) {
    }

    /**
     * The port of a running router: ours from the PID file, or any router already answering on the configured port
     * (CCR itself, or a ccr started from another home), which is then used as it is and never stopped; otherwise a new
     * one started in the background.
     */
    private int ensureRunning(Config config) {
        Optional<Service.Running> running = service.running(config.port());
        if (running.isPresent()) {
            return running.get().port();
        }
        if (HealthProbe.healthy(config.port())) {
            return config.port();
        }
        PortCheck.ensureFree(config.host(), config.port());
        out.println("Service not running, starting service...");
        out.flush();
        return switch (context.serverProcess().start(Optional.empty())) {
            case ServerProcess.Outcome.Started started -> {
                sessions.markStartedByCode(started.server().pid());
                yield started.server().port();
            }
            case ServerProcess.Outcome.Failed failed -> throw new CliException(failed.reason()
                    + "\nService startup failed; run `ccr start` to see why, then `ccr code` again.");
        };
    }

    private void stopIfLastAndStartedByCode(Config config) {
        if (sessions.live() > 0) {
            return;
        }
        Optional<Long> startedByCode = sessions.startedByCode();
        Optional<Service.Running> running = service.running(config.port());
        if (startedByCode.isPresent() && running.isPresent() && running.get().pid() == startedByCode.get()) {
            service.stop(StopCommand.GRACE);
        }
        sessions.forgetStartedByCode();
    }

    private int launch(Config config, List<String> args, ClaudeEnvironment.PresetLaunch preset, int port) {
        LinkedHashMap<String, String> variables = ClaudeEnvironment.variables(config, port);
        preset.namespace().ifPresent(ns -> variables.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port + ns));
        if (preset.name().isEmpty()) {
            // Model slots named for this config's routes (a preset routes with its own config instead).
            variables.putAll(ClaudeModelSlots.variables(config, context.env()));
        }
        ObjectNode settings = ClaudeEnvironment.settings(config, variables, preset);
        Path settingsFile = ClaudeEnvironment.writeSettingsFile(context.home().runtime().resolve("settings"), settings);

        List<String> command = new ArrayList<>(claudeCommand(config));
        command.addAll(args);
        command.add("--settings");
        command.add(settingsFile.toString());

        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(context.env());
        settings.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        env.remove(ClaudeEnvironment.UNSET_BEDROCK);

        boolean realTerminal = context.in() == System.in;
        boolean nonInteractive = ClaudeEnvironment.nonInteractive(config);
        builder.redirectInput(realTerminal && !nonInteractive ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        if (realTerminal) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process claude;
        try {
            claude = builder.start();
        } catch (IOException e) {
            err.println("Failed to start claude command: " + e.getMessage());
            err.println("Make sure Claude Code is installed: npm install -g @anthropic-ai/claude-code");
            err.println("(or set CLAUDE_PATH in the config or the environment to its path)");
            err.flush();
            return ExitCodes.FAILURE;
        }
        List<Thread> pumps = new ArrayList<>();
        if (nonInteractive) {
            closeQuietly(claude.getOutputStream());
        } else if (!realTerminal) {
            pumps.add(Thread.ofVirtual().start(() -> copyAndClose(context.in(), claude.getOutputStream())));
        }
        if (!realTerminal) {
            pumps.add(Thread.ofVirtual().start(() -> pump(claude.getInputStream(), out)));
            pumps.add(Thread.ofVirtual().start(() -> pump(claude.getErrorStream(), err)));
        }
        InterruptGuard.Ignored interrupts = InterruptGuard.ignoreInterrupt();
        try {
            int code = claude.waitFor();
            for (Thread pump : pumps) {
                pump.join(2_000);
            }
            return code;
        } catch (InterruptedException e) {
            claude.destroy();
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        } finally {
            interrupts.close();
        }
    }

    /**
     * {@code CLAUDE_PATH} from the config, then the environment, then {@code claude} (spec §1.4), looked up on the
     * {@code PATH} of the environment Claude Code gets. A value with spaces that names no file is split into words
     * ({@code "npx @anthropic-ai/claude-code"}), as CCR's shell would.
     */
    List<String> claudeCommand(Config config) {
        JsonNode configured = config.resolved().path("CLAUDE_PATH");
        String value = configured.isTextual() && !configured.asText().isBlank() ? configured.asText()
                : Optional.ofNullable(context.env().get("CLAUDE_PATH")).filter(s -> !s.isBlank()).orElse("claude");
        List<String> words = Files.exists(Path.of(value)) ? List.of(value) : Arrays.asList(value.trim().split("\\s+"));
        List<String> command = new ArrayList<>(words);
        command.set(0, onPath(words.getFirst()));
        return command;
    }

    private String onPath(String executable) {
        if (executable.contains("/") || executable.contains("\\")) {
            return executable;
        }
        String path = context.env().get("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                    return Path.of(dir, executable).toString();
                }
            }
        }
        return executable;
    }

    private static void copyAndClose(InputStream from, OutputStream to) {
        try (to) {
            from.transferTo(to);
        } catch (IOException ignored) {
            // Claude Code closed its input
        }
    }

    private static void pump(InputStream from, PrintWriter to) {
        try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            for (int n; (n = reader.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
