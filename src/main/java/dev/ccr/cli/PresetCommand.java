package dev.ccr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ccr preset}: groups the preset commands (docs/cli.md); alone it prints their list and fails, as CCR. */
@Command(name = "preset", description = {"Manage presets: export, install, list, info, delete.", "",
        "Examples:", "  ccr preset export my-setup --description \"DeepSeek for everything\"",
        "  ccr preset install ./my-setup", "  ccr preset list"},
        subcommands = {
                PresetExportCommand.class,
                PresetInstallCommand.class,
                PresetListCommand.class,
                PresetInfoCommand.class,
                PresetDeleteCommand.class,
        })
final class PresetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
