package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.daemon.HealthProbe;
import dev.ccr.daemon.PortCheck;
import dev.ccr.daemon.ServerProcess;
import dev.ccr.daemon.Service;
import dev.ccr.launch.ClientLaunch;
import dev.ccr.launch.InterruptGuard;
import dev.ccr.launch.Sessions;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * One run of a client through the router, for every launcher ({@code ccr code}, {@code codex}, {@code gemini},
 * {@code opencode}, {@code ccr <preset>}): make sure the router answers (starting it in the background if needed),
 * count this session, run the client in the terminal, and when the last session of any launcher ends stop the router
 * if a launcher started it. Returns the client's exit code.
 *
 * <p>Differences from CCR, on purpose (pitfall P-15): a router the user started with {@code ccr start} is never
 * stopped; sessions are counted per process, so a crashed one no longer counts (P-26); readiness is an HTTP probe.
 */
final class ClientSession {
    private final CliContext context;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Service service;
    private final Sessions sessions;

    ClientSession(CliContext context, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.service = new Service(context.home());
        this.sessions = new Sessions(context.home());
    }

    /**
     * Runs {@code client} (given the router's port, it returns the client's exit code) as one counted session.
     *
     * @param command     the launcher's name, for the message when the router does not start
     * @param needsServer false when the client bypasses the router ({@code noServer} presets): it is then neither
     *                    started nor stopped, but the session still counts
     */
    int run(Config config, String command, boolean needsServer, IntUnaryOperator client) {
        Sessions.Session session;
        int port = config.port();
        if (needsServer) {
            Registration registration = sessions.locked(() -> {
                int serverPort = ensureRunning(config, command);
                return new Registration(serverPort, sessions.register());
            });
            session = registration.session();
            port = registration.port();
        } else {
            session = sessions.register();
        }
        try {
            return client.applyAsInt(port);
        } finally {
            session.close();
            if (needsServer) {
                sessions.locked(() -> {
                    stopIfLastAndStartedByALauncher(config);
                    return null;
                });
            }
        }
    }

    /** Runs the client {@code launch} describes for the router's port, as one counted session. */
    int launch(Config config, String command, IntFunction<ClientLaunch> launch) {
        return run(config, command, true, port -> runProcess(launch.apply(port), false));
    }

    private record Registration(int port, Sessions.Session session) {
    }

    /**
     * The port of a running router: ours from the PID file, or any router already answering on the configured port
     * (CCR itself, or a ccr started from another home), which is then used as it is and never stopped; otherwise a new
     * one started in the background.
     */
    private int ensureRunning(Config config, String command) {
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
                    + "\nService startup failed; run `ccr start` to see why, then `ccr " + command + "` again.");
        };
    }

    private void stopIfLastAndStartedByALauncher(Config config) {
        if (sessions.live() > 0) {
            return;
        }
        Optional<Long> startedByCode = sessions.startedByCode();
        Optional<Service.Running> running = service.running(config.port());
        if (startedByCode.isPresent() && running.isPresent() && running.get().pid() == startedByCode.get()) {
            service.stop(Service.STOP_GRACE);
        }
        sessions.forgetStartedByCode();
    }

    /**
     * Runs the client in the foreground and waits for it: in a terminal it gets the terminal itself; otherwise (tests,
     * pipes) ccr copies its input and output. Ctrl-C goes to the client, not to ccr. Arguments reach it exactly as
     * given: no shell, no re-quoting.
     *
     * @param closeInput give the client an input that is already closed ({@code NON_INTERACTIVE_MODE})
     */
    int runProcess(ClientLaunch launch, boolean closeInput) {
        ProcessBuilder builder = new ProcessBuilder(launch.command());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(context.env());
        env.putAll(launch.environment());
        launch.unset().forEach(env::remove);

        boolean realTerminal = context.in() == System.in;
        builder.redirectInput(realTerminal && !closeInput ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        if (realTerminal) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            err.println("Failed to start " + launch.client() + ": " + e.getMessage());
            err.println(launch.installHint());
            err.flush();
            return ExitCodes.FAILURE;
        }
        List<Thread> pumps = new ArrayList<>();
        if (closeInput) {
            closeQuietly(process.getOutputStream());
        } else if (!realTerminal) {
            pumps.add(Thread.ofVirtual().start(() -> copyAndClose(context.in(), process.getOutputStream())));
        }
        if (!realTerminal) {
            pumps.add(Thread.ofVirtual().start(() -> pump(process.getInputStream(), out)));
            pumps.add(Thread.ofVirtual().start(() -> pump(process.getErrorStream(), err)));
        }
        InterruptGuard.Ignored interrupts = InterruptGuard.ignoreInterrupt();
        try {
            int code = process.waitFor();
            for (Thread pump : pumps) {
                pump.join(2_000);
            }
            return code;
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        } finally {
            interrupts.close();
        }
    }

    private static void copyAndClose(InputStream from, OutputStream to) {
        try (to) {
            from.transferTo(to);
        } catch (IOException ignored) {
            // the client closed its input
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
