package dev.ccr.cli;

import dev.ccr.preset.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ccr preset delete NAME} (aliases {@code rm}, {@code remove}): deletes the preset's folder. */
@Command(name = "delete", aliases = {"rm", "remove"}, description = {"Delete an installed preset.", "", "Example:",
        "  ccr preset delete my-setup"})
final class PresetDeleteCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    PresetDeleteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        boolean deleted;
        try {
            deleted = new Presets(context.home().presets()).delete(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("Invalid preset name.");
        }
        if (!deleted) {
            throw new CliException("Preset \"" + name + "\" not found.");
        }
        spec.commandLine().getOut().println("✓ Preset \"" + name + "\" deleted.");
        return ExitCodes.OK;
    }
}
