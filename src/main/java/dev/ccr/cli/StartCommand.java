package dev.ccr.cli;

import dev.ccr.app.RouterApp;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigStore;
import dev.ccr.daemon.PortCheck;
import dev.ccr.daemon.ServerProcess;
import dev.ccr.daemon.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ccr start}: runs the router in the foreground until Ctrl-C or SIGTERM, with the PID file written while it
 * listens; {@code --daemon} starts it in the background instead and returns once it answers. A taken port fails at
 * once with a message naming it.
 */
@Command(name = "start", description = {"Start the router (foreground; --daemon for background).", "",
        "Example:", "  ccr start --daemon"})
final class StartCommand implements Callable<Integer> {
    /** CCR prints this when the server is already up (docs/ccr-checklist.md item 66). */
    static final String ALREADY_RUNNING = "claude-code-router server is running";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = {"-d", "--daemon"}, description = "Start in the background; output goes to ~/.claude-code-router/logs/daemon.log.")
    boolean daemon;

    StartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Service service = new Service(context.home());
        if (service.running(-1).isPresent()) {
            out.println(ALREADY_RUNNING);
            return ExitCodes.OK;
        }
        return daemon ? background(out) : foreground(out);
    }

    private int background(PrintWriter out) throws ConfigException {
        // Config problems and a taken port are reported here at once, not only in the background server's log.
        Config config = configOption.load(context, out);
        PortCheck.ensureFree(config.host(), config.port());
        ServerProcess process = context.serverProcess();
        return switch (process.start(Optional.ofNullable(configOption.file))) {
            case ServerProcess.Outcome.Started started -> {
                out.printf("✅ claude-code-router started in the background (PID %d) at %s in %d ms%n",
                        started.server().pid(), started.server().endpoint(), started.took().toMillis());
                out.println("   Log: " + process.logFile());
                yield ExitCodes.OK;
            }
            case ServerProcess.Outcome.Failed failed -> throw new CliException("❌ " + failed.reason());
        };
    }

    private int foreground(PrintWriter out) throws Exception {
        ConfigStore store = configOption.store(context);
        Config config = store.load(line -> {
            out.println(line);
            out.flush();
        });
        PortCheck.ensureFree(config.host(), config.port());
        Logging.Undo logging = Logging.configure(config, context.home());

        RouterApp app;
        try {
            app = RouterApp.start(config, store, new RouterApp.Options(Optional.of(context.home()), context.env(), context.tempDir(), Version.current()));
        } catch (RuntimeException e) {
            logging.close();
            throw e;
        }
        long pid = ProcessHandle.current().pid();
        Service service = new Service(context.home());
        service.recordStarted(pid, config.host(), app.port(), store.file(), Instant.now(context.clock()));
        Logger log = LoggerFactory.getLogger(StartCommand.class);
        log.info("ccr {} listening on http://{}:{} (PID {}, config {})", Version.current(), config.host(), app.port(),
                pid, store.file());
        context.stopSignal().awaitThen(() -> {
            app.close();
            service.recordStopped(pid);
            logging.close();
        });
        return ExitCodes.OK;
    }
}
