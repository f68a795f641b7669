package dev.ccr.cli;

import dev.ccr.preset.PresetManifest;
import dev.ccr.preset.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ccr preset list}: the installed presets with version, description and author. */
@Command(name = "list", aliases = "ls", description = {"List installed presets.", "", "Example:", "  ccr preset list"})
final class PresetListCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    PresetListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> broken = new ArrayList<>();
        List<PresetManifest> presets = new Presets(context.home().presets()).list(broken);
        if (presets.isEmpty() && broken.isEmpty()) {
            out.println("No presets found.");
            out.println("Create one with: ccr preset export <name>   or install one with: ccr preset install <folder>");
            return ExitCodes.OK;
        }
        out.println("Available presets:");
        out.println();
        for (PresetManifest preset : presets) {
            out.println("• " + preset.dirName() + preset.text("version").map(v -> " (v" + v + ")").orElse("")
                    + (preset.displayName().equals(preset.dirName()) ? "" : "  [name: " + preset.displayName() + "]"));
            preset.text("description").ifPresent(d -> out.println("  " + d));
            preset.text("author").ifPresent(a -> out.println("  by " + a));
            if (!preset.missingInputs().isEmpty()) {
                out.println("  needs configuration: ccr preset install " + preset.dirName());
            }
            out.println();
        }
        broken.forEach(name -> out.println("• " + name + "\n  (error reading its manifest.json)\n"));
        return ExitCodes.OK;
    }
}
