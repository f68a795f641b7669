package dev.ccr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ccr stop}: stops the running router (SIGTERM, then forcibly after 10 s) and removes its PID file. */
@Command(name = "stop", description = {"Stop the running router.", "", "Example:", "  ccr stop"})
final class StopCommand implements Callable<Integer> {
    /** CCR's messages (spec §6.3, §11 item 66). */
    static final String STOPPED = "claude code router service has been successfully stopped.";
    static final String NOT_RUNNING = "Failed to stop the service. It may have already been stopped.";
    static final Duration GRACE = Duration.ofSeconds(10);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    StopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        boolean stopped = new Service(context.home()).stop(GRACE);
        new Sessions(context.home()).forgetAll();
        spec.commandLine().getOut().println(stopped ? STOPPED : NOT_RUNNING);
        return ExitCodes.OK;
    }
}
