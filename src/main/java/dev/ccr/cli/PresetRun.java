package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.launch.ClaudeEnvironment;
import dev.ccr.preset.PresetLaunch;
import dev.ccr.preset.PresetManifest;
import dev.ccr.preset.Presets;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code ccr <preset> [args...]}: Claude Code against an installed preset (docs/cli.md). {@link PresetLaunch} says what
 * the preset changes; {@link ClaudeSession} runs Claude Code with it.
 */
final class PresetRun {
    private final CliContext context;
    private final PrintWriter out;
    private final PrintWriter err;

    PresetRun(CliContext context, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.out = out;
        this.err = err;
    }

    static boolean installed(CliContext context, String name) {
        return new Presets(context.home().presets()).installed(name);
    }

    int run(String name, List<String> args) throws Exception {
        PresetManifest preset = PresetLaunch.runnable(new Presets(context.home().presets()), name);
        Config config = new ConfigOption().load(context, err);
        PresetLaunch plan = PresetLaunch.of(preset, context.env(), config);
        ClaudeEnvironment.PresetLaunch launch = new ClaudeEnvironment.PresetLaunch(Optional.of(name), plan.namespace(),
                plan.envOverrides(), plan.statusLine(), plan.claudeCodeSettings());
        return new ClaudeSession(context, out, err).run(config, args, launch, !plan.noServer());
    }
}
