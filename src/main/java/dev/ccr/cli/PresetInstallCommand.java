package dev.ccr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.cli.preset.PresetManifest;
import dev.ccr.cli.preset.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private static CliException alreadyInstalled(String target) {
        return new CliException("Preset '" + target + "' is already installed. To reconfigure it: ccr preset install "
                + target + "\nTo replace it: ccr preset delete " + target + ", then install again.");
    }

    PresetInstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Presets presets = new Presets(context.home().presets());
        if (source.startsWith("http://") || source.startsWith("https://")) {
            throw new CliException("URL installation is not supported. Download the preset folder and install it from its path.");
        }
        PresetManifest preset;
        Path folder = Path.of(source);
        boolean fresh = source.contains("/") || source.contains("\\") || (Files.isDirectory(folder) && !presets.installed(source));
        String target = source;
        if (fresh) {
            if (!Files.isDirectory(folder)) {
                throw new CliException("Preset directory not found: " + source);
            }
            target = name != null ? name : folder.toAbsolutePath().normalize().getFileName().toString();
            if (presets.installed(target)) {
                throw alreadyInstalled(target);
            }
            preset = Presets.read(target, folder);
            out.println("Reading preset from: " + folder);
        } else {
            preset = presets.find(source).orElseThrow(() -> new CliException(
                    "Preset '" + source + "' not found. Give the path of a preset folder (e.g. ./" + source + ")."));
            out.println("Reconfiguring preset: " + source);
        }

        // Ask first, copy after: a cancelled or failed answer leaves nothing half-installed.
        ObjectNode manifest = preset.manifest().deepCopy();
        int inputs = 0;
        if (!preset.schema().isEmpty()) {
            out.println("Configuration required: " + preset.schema().size() + " field(s)");
            out.flush();
            ObjectNode values = new SchemaInputs(new Prompts(context, out), context.interactive())
                    .collect(preset.schema(), preset.configSection(), preset.userValues(), given);
            inputs = values.size();
            if (values.isEmpty()) {
                manifest.remove("userValues");
            } else {
                manifest.set("userValues", values);
            }
        } else if (!given.isEmpty()) {
            throw new CliException("This preset declares no inputs; --set is not needed.");
        }
        if (fresh) {
            try {
                preset = presets.install(folder, target);
            } catch (FileAlreadyExistsException e) {
                throw alreadyInstalled(target);
            }
        }
        presets.save(preset.dirName(), manifest);

        out.println("✓ Preset " + (fresh ? "installed" : "reconfigured") + ": " + preset.dirName());
        out.println("Preset directory: " + preset.dir());
        out.println("Inputs configured: " + inputs);
        preset.text("description").ifPresent(d -> out.println("Description: " + d));
        preset.text("author").ifPresent(a -> out.println("Author: " + a));
        out.println("Use it: ccr " + preset.dirName() + " \"your prompt\"");
        return ExitCodes.OK;
    }
}
