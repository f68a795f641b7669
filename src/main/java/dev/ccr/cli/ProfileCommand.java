package dev.ccr.cli;

import dev.ccr.daemon.Service;
import dev.ccr.profile.Profile;
import dev.ccr.profile.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ccr profile}: groups the profile commands (the CCR fork's, docs/cli.md); alone it prints their list and fails,
 * as {@code ccr preset} does.
 */
@Command(name = "profile", description = {"Manage profiles (list, create, switch, delete, show, edit): named configs, each with its own port and PID file.", "",
        "Examples:", "  ccr profile create work", "  ccr profile switch work", "  ccr --profile work status"},
        subcommands = {
                ProfileListCommand.class,
                ProfileCreateCommand.class,
                ProfileSwitchCommand.class,
                ProfileDeleteCommand.class,
                ProfileShowCommand.class,
                ProfileEditCommand.class,
        })
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The router running in {@code profile}'s folder, if any. */
    static Optional<Service.Running> running(Profile profile) {
        return new Service(profile.home()).running(Profiles.port(profile));
    }

    /** "running (PID n) at URL" or "not running", for the profile commands' output. */
    static String state(Profile profile) {
        return running(profile).map(r -> "running (PID " + r.pid() + ") at " + r.endpoint()).orElse("not running");
    }
}
