package dev.ccr.cli;

import dev.ccr.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ccr profile edit [NAME]}: prints the config file to edit, as the fork does (it opens no editor). */
@Command(name = "edit", description = {"Print the config file of a profile (default: the active one), to edit it.", "",
        "Example:", "  $EDITOR \"$(ccr profile edit work)\""})
final class ProfileEditCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String name;

    ProfileEditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Profile profile = context.profiles().named(name != null ? name : context.profile());
        spec.commandLine().getOut().println(profile.home().configFile());
        return ExitCodes.OK;
    }
}
