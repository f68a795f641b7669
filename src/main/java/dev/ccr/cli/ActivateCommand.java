package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.launch.ClaudeEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code ccr activate} (alias {@code env}): prints CCR's shell lines (docs/cli.md) for {@code eval "$(ccr activate)"}.
 * Does not start the router. Notices (a config created) go to stderr so the output stays safe to eval.
 */
@Command(name = "activate", aliases = "env", description = {"Print shell exports that point Claude Code at the router.", "",
        "Example:", "  eval \"$(ccr activate)\""})
final class ActivateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    ActivateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Config config = configOption.load(context, spec.commandLine().getErr());
        spec.commandLine().getOut().print(ClaudeEnvironment.activateScript(ClaudeEnvironment.variables(config, config.port())));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
