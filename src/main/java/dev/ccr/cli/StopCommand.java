package dev.ccr.cli;

import dev.ccr.config.CcrHome;
import dev.ccr.daemon.Service;
import dev.ccr.launch.Sessions;
import dev.ccr.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ccr stop}: stops the running router (SIGTERM, then forcibly after 10 s) and removes its PID file;
 * {@code --all} does so in every profile (the fork's option).
 */
@Command(name = "stop", description = {"Stop the running router.", "", "Example:", "  ccr stop"})
final class StopCommand implements Callable<Integer> {
    /** CCR's messages (docs/ccr-checklist.md item 66). */
    static final String STOPPED = "claude code router service has been successfully stopped.";
    static final String NOT_RUNNING = "Failed to stop the service. It may have already been stopped.";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "Stop the router of every profile, not only the active one's.")
    boolean all;

    StopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        List<CcrHome> homes = all ? context.profiles().list().stream().map(Profile::home).toList() : List.of(context.home());
        boolean stopped = false;
        for (CcrHome home : homes) {
            stopped |= new Service(home).stop(Service.STOP_GRACE);
            new Sessions(home).forgetAll();
        }
        spec.commandLine().getOut().println(stopped ? STOPPED : NOT_RUNNING);
        return ExitCodes.OK;
    }
}
