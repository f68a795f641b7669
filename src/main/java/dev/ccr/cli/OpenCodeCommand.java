package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.launch.OpenCodeLaunch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ccr opencode [args...]}: runs OpenCode through the router's {@code /v1/chat/completions}, starting the router
 * first if needed. What OpenCode is told is {@link OpenCodeLaunch}'s decision; every argument goes to it unchanged.
 */
@Command(name = "opencode", description = {"Run OpenCode through the router (starts it if needed).",
        "Every argument is passed to opencode unchanged; no opencode.json is touched.", "", "Examples:",
        "  ccr opencode", "  ccr opencode run \"fix the failing test\"", "  ccr opencode -m ccr/deepseek,deepseek-chat"})
final class OpenCodeCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Arguments for opencode.")
    List<String> args = new ArrayList<>();

    OpenCodeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Config config = new ConfigOption().load(context, spec.commandLine().getErr());
        return new ClientSession(context, spec.commandLine().getOut(), spec.commandLine().getErr())
                .launch(config, "opencode", port -> OpenCodeLaunch.of(config.resolved(), context.env(), port, args));
    }
}
