package dev.ccr.cli;

import dev.ccr.daemon.ServerProcess;
import dev.ccr.daemon.Service;
import dev.ccr.launch.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ccr restart}: stops the router if it runs, starts it in the background and, unlike CCR (pitfall P-15),
 * reports success only once the new server answers.
 */
@Command(name = "restart", description = {"Restart the router in the background.", "", "Example:", "  ccr restart"})
final class RestartCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    RestartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean stopped = new Service(context.home()).stop(Service.STOP_GRACE);
        new Sessions(context.home()).forgetAll();
        out.println(stopped ? "claude code router service has been stopped." : "Service was not running or failed to stop.");
        out.println("Starting claude code router service...");
        out.flush();
        configOption.load(context, out);
        ServerProcess process = context.serverProcess();
        return switch (process.start(Optional.ofNullable(configOption.file))) {
            case ServerProcess.Outcome.Started started -> {
                out.printf("✅ Service started successfully in the background (PID %d, %s).%n",
                        started.server().pid(), started.server().endpoint());
                yield ExitCodes.OK;
            }
            case ServerProcess.Outcome.Failed failed -> throw new CliException("❌ " + failed.reason());
        };
    }
}
