package dev.ccr.cli;

import dev.ccr.preset.PresetInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ccr preset install SOURCE}: installs a preset folder (all its files, not only the manifest as CCR, P-16)
 * under the folder's name, then asks for the inputs its schema declares and stores them as {@code userValues}. A bare
 * name of an installed preset asks again (reconfigures). {@code --set id=value} answers without asking.
 */
@Command(name = "install", description = {"Install a preset folder, or reconfigure an installed preset.", "",
        "Examples:", "  ccr preset install ./my-setup", "  ccr preset install ./kimi --set apiKey=$KIMI_KEY",
        "  ccr preset install my-setup        # reconfigure"})
final class PresetInstallCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A preset folder, or the name of an installed preset.")
    String source;

    @Option(names = "--name", paramLabel = "NAME", description = "Install under this name (default: the folder's name).")
    String name;

    @Option(names = "--set", paramLabel = "ID=VALUE", description = "Answer a schema input without being asked (repeatable).")
    Map<String, String> given = new LinkedHashMap<>();

    PresetInstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PresetSetup setup = new PresetSetup(context, out);
        PresetInstaller.Chosen chosen = setup.installer().choose(source, Optional.ofNullable(name));
        out.println(chosen.folder().map(folder -> "Reading preset from: " + folder).orElse("Reconfiguring preset: " + source));
        setup.run(chosen.preset(), chosen.folder(), given);
        return ExitCodes.OK;
    }
}
