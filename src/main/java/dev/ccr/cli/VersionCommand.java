package dev.ccr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ccr version}: prints {@code claude-code-router version: <x>}. */
@Command(name = "version", description = {"Print the version.", "", "Example:", "  ccr version"})
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("claude-code-router version: " + Version.current());
        return ExitCodes.OK;
    }
}
