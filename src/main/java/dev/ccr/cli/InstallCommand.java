package dev.ccr.cli;

import dev.ccr.preset.PresetSource;
import dev.ccr.preset.Presets;
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
 * {@code ccr install SOURCE}: installs a preset from a folder, a zip file or an https URL of a zip (CCR's marketplace
 * command, docs/cli.md; {@link PresetSource} says which name it gets), then asks the inputs its schema declares, as
 * {@code ccr preset install} does.
 */
@Command(name = "install", description = {"Install a preset from a folder, a .zip file or an https:// URL of a .zip.", "",
        "Examples:", "  ccr install ./my-setup", "  ccr install ~/Downloads/kimi.zip --set apiKey=$KIMI_KEY",
        "  ccr install https://github.com/someone/kimi-preset/archive/refs/heads/main.zip"})
final class InstallCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A preset folder, a .zip file, or an https:// URL of a .zip.")
    String source;

    @Option(names = "--name", paramLabel = "NAME", description = "Install under this name.")
    String name;

    @Option(names = "--set", paramLabel = "ID=VALUE", description = "Answer a schema input without being asked (repeatable).")
    Map<String, String> given = new LinkedHashMap<>();

    /** Tests serve archives from a local plain-http server; anything else must be https. */
    @Option(names = "--allow-http-loopback", hidden = true)
    boolean httpLoopback;

    InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PresetSetup setup = new PresetSetup(context, out);
        try (PresetSource from = PresetSource.open(source, setup.presets(), context.tempDir(), httpLoopback, line -> {
            out.println(line);
            out.flush();
        })) {
            String target = from.target(Optional.ofNullable(name), setup.presets());
            out.println("Installing preset: " + target);
            setup.run(Presets.read(target, from.folder()), Optional.of(from.folder()), given);
        }
        return ExitCodes.OK;
    }
}
