package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.launch.CodexLaunch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ccr codex [args...]}: runs OpenAI's Codex CLI through the router's {@code /v1/responses}, starting the router
 * first if needed, as {@code ccr code} does for Claude Code. What Codex is told is {@link CodexLaunch}'s decision;
 * every argument goes to Codex unchanged, after ccr's per-run {@code -c} overrides.
 */
@Command(name = "codex", description = {"Run Codex through the router (starts it if needed).",
        "Every argument is passed to codex unchanged; ~/.codex/config.toml is not touched.", "", "Examples:",
        "  ccr codex", "  ccr codex \"explain this repository\"", "  ccr codex exec -s workspace-write \"fix the failing test\"",
        "  ccr codex -m deepseek,deepseek-chat"})
final class CodexCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Arguments for codex.")
    List<String> args = new ArrayList<>();

    CodexCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Config config = new ConfigOption().load(context, spec.commandLine().getErr());
        return new ClientSession(context, spec.commandLine().getOut(), spec.commandLine().getErr())
                .launch(config, "codex", port -> CodexLaunch.of(config.resolved(), context.env(), port, args));
    }
}
