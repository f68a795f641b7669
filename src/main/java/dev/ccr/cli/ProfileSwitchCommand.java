package dev.ccr.cli;

import dev.ccr.profile.Profile;
import dev.ccr.profile.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ccr profile switch NAME} (alias {@code use}): makes {@code NAME} the active profile, so every later command
 * uses its config, port and PID file. Servers are left as they are: each profile has its own port, so they can run
 * side by side (the fork stopped every server and started the new profile's).
 */
@Command(name = "switch", aliases = "use", description = {"Make a profile the active one.", "",
        "Examples:", "  ccr profile switch work", "  ccr profile switch default"})
final class ProfileSwitchCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    ProfileSwitchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Profile profile = context.profiles().activate(name);
        boolean running = ProfileCommand.running(profile).isPresent();
        out.println("✓ Switched to profile '" + profile.name() + "' (port " + Profiles.port(profile) + ", "
                + ProfileCommand.state(profile) + ").");
        if (!running) {
            out.println("Start it: ccr start --daemon");
        }
        return ExitCodes.OK;
    }
}
