package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.launch.ClaudeEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ccr code [args...]}: runs Claude Code through the router, starting the router first if needed. Every
 * argument goes to Claude Code unchanged (options, a prompt, {@code --}, even {@code --help}); ccr takes none itself.
 */
@Command(name = "code", description = {"Run Claude Code through the router (starts it if needed).",
        "Every argument is passed to claude unchanged.", "", "Examples:",
        "  ccr code", "  ccr code \"Write a Hello World\"", "  ccr code --dangerously-skip-permissions -p \"fix the tests\""})
final class CodeCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Arguments for claude.")
    List<String> args = new ArrayList<>();

    CodeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Config config = new ConfigOption().load(context, spec.commandLine().getErr());
        return new ClaudeSession(context, spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(config, args, ClaudeEnvironment.PresetLaunch.NONE, true);
    }
}
