package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.launch.GeminiLaunch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ccr gemini [args...]}: runs Google's Gemini CLI through the router's {@code /v1beta/models/...} endpoints,
 * starting the router first if needed. What Gemini CLI is told is {@link GeminiLaunch}'s decision; every argument goes
 * to it unchanged.
 */
@Command(name = "gemini", description = {"Run Gemini CLI through the router (starts it if needed).",
        "Every argument is passed to gemini unchanged; ~/.gemini/settings.json is not touched.", "", "Examples:",
        "  ccr gemini", "  ccr gemini -p \"summarize the README\"", "  ccr gemini -m deepseek,deepseek-chat"})
final class GeminiCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Arguments for gemini.")
    List<String> args = new ArrayList<>();

    GeminiCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Config config = new ConfigOption().load(context, spec.commandLine().getErr());
        Path systemDefaults = context.home().runtime().resolve("gemini-system-defaults.json");
        GeminiLaunch.writeSystemDefaults(systemDefaults);
        return new ClientSession(context, spec.commandLine().getOut(), spec.commandLine().getErr())
                .launch(config, "gemini", port -> GeminiLaunch.of(config.resolved(), context.env(), port, args, systemDefaults));
    }
}
