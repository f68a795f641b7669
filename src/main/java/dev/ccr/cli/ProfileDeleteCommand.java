package dev.ccr.cli;

import dev.ccr.daemon.Service;
import dev.ccr.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ccr profile delete NAME} (alias {@code rm}): deletes the profile's folder. Refused for {@code default}, the
 * active profile and a profile whose router runs (its PID file would go with the folder).
 */
@Command(name = "delete", aliases = "rm", description = {"Delete a profile that is neither default, active nor running.",
        "", "Example:", "  ccr profile delete scratch"})
final class ProfileDeleteCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    ProfileDeleteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Profile profile = context.profiles().named(name);
        Optional<Service.Running> running = profile.isDefault() ? Optional.empty() : ProfileCommand.running(profile);
        if (running.isPresent()) {
            throw new CliException("Profile '" + name + "' has a router running (PID " + running.get().pid()
                    + "). Stop it first: ccr --profile " + name + " stop");
        }
        context.profiles().delete(name);
        spec.commandLine().getOut().println("✓ Profile '" + name + "' deleted.");
        return ExitCodes.OK;
    }
}
