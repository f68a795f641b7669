package dev.ccr.cli;

import dev.ccr.profile.Profile;
import dev.ccr.profile.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ccr profile list} (alias {@code ls}): every profile with its port and whether its router runs; the active one marked. */
@Command(name = "list", aliases = "ls", description = {"List the profiles, their ports and which one is active.", "",
        "Example:", "  ccr profile list"})
final class ProfileListCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    ProfileListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Profile> profiles = context.profiles().list();
        String active = context.profiles().active().name();
        int width = profiles.stream().mapToInt(p -> p.name().length()).max().orElse(7);
        out.println("Profiles:");
        for (Profile profile : profiles) {
            out.printf("%s %-" + width + "s  port %-5d  %s%n", profile.name().equals(active) ? "*" : " ", profile.name(),
                    Profiles.port(profile), ProfileCommand.state(profile));
        }
        out.println();
        out.println("Active: " + active + " (* above). Switch with: ccr profile switch <name>");
        return ExitCodes.OK;
    }
}
