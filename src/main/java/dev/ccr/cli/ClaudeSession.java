package dev.ccr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.launch.ClaudeEnvironment;
import dev.ccr.launch.ClaudeModelSlots;
import dev.ccr.launch.ClientLaunch;
import dev.ccr.launch.Executable;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code ccr code} run (docs/cli.md): through a {@link ClientSession} (the router started if needed, the session
 * counted, the router stopped after the last one if a launcher started it), launch Claude Code with every argument
 * the user gave plus {@code --settings}. Returns Claude Code's exit code.
 *
 * <p>Differences from CCR, on purpose (pitfall P-15): arguments reach Claude Code exactly as given — positional prompt
 * included, no shell, no re-quoting; the environment is also set on the process, not only in the settings file.
 */
final class ClaudeSession {
    private final CliContext context;
    private final ClientSession session;

    ClaudeSession(CliContext context, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.session = new ClientSession(context, out, err);
    }

    int run(Config config, List<String> args, ClaudeEnvironment.PresetLaunch preset, boolean needsServer) {
        return session.run(config, "code", needsServer, port -> launch(config, args, preset, port));
    }

    private int launch(Config config, List<String> args, ClaudeEnvironment.PresetLaunch preset, int port) {
        LinkedHashMap<String, String> variables = ClaudeEnvironment.variables(config, port);
        preset.namespace().ifPresent(ns -> variables.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port + ns));
        if (preset.name().isEmpty()) {
            // Model slots named for this config's routes (a preset routes with its own config instead).
            variables.putAll(ClaudeModelSlots.variables(config, context.env()));
        }
        ObjectNode settings = ClaudeEnvironment.settings(config, variables, preset);
        Path settingsFile = ClaudeEnvironment.writeSettingsFile(context.home().runtime().resolve("settings"), settings);

        List<String> command = new ArrayList<>(claudeCommand(config));
        command.addAll(args);
        command.add("--settings");
        command.add(settingsFile.toString());

        Map<String, String> env = new LinkedHashMap<>();
        settings.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        ClientLaunch claude = ClientLaunch.of("claude command", command, env, Set.of(ClaudeEnvironment.UNSET_BEDROCK),
                "Make sure Claude Code is installed: npm install -g @anthropic-ai/claude-code\n"
                        + "(or set CLAUDE_PATH in the config or the environment to its path)");
        return session.runProcess(claude, ClaudeEnvironment.nonInteractive(config));
    }

    /**
     * {@code CLAUDE_PATH} from the config, then the environment, then {@code claude} (docs/cli.md), looked up on the
     * {@code PATH} of the environment Claude Code gets; {@code "npx @anthropic-ai/claude-code"} is split into words.
     */
    List<String> claudeCommand(Config config) {
        return Executable.resolve(config.resolved(), context.env(), "CLAUDE_PATH", "claude");
    }
}
