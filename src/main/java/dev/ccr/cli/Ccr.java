package dev.ccr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The root {@code ccr} command: lists every subcommand; with none given it prints help and fails, as CCR does. */
@Command(name = "ccr",
        mixinStandardHelpOptions = true,
        versionProvider = Version.Provider.class,
        description = "claude-code-router for the JVM: run Claude Code on any model, routed per request.",
        subcommands = {
                StartCommand.class,
                VersionCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Ccr implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The configured command line, as {@link Main} and tests run it. */
    public static CommandLine commandLine() {
        return new CommandLine(new Ccr())
                .setExecutionExceptionHandler(new FailureHandler());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
