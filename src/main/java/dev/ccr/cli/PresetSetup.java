package dev.ccr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.preset.PresetManifest;
import dev.ccr.preset.Presets;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The part {@code ccr preset install} and {@code ccr install} share: ask for the inputs a preset's schema declares
 * (or take them from {@code --set}), then copy the preset folder in and save the answers as {@code userValues}.
 * Asking comes first, so a cancelled or failed answer leaves nothing half-installed.
 */
final class PresetSetup {
    private final CliContext context;
    private final PrintWriter out;
    private final Presets presets;

    PresetSetup(CliContext context, PrintWriter out) {
        this.context = context;
        this.out = out;
        this.presets = new Presets(context.home().presets());
    }

    Presets presets() {
        return presets;
    }

    static CliException alreadyInstalled(String target) {
        return new CliException("Preset '" + target + "' is already installed. To reconfigure it: ccr preset install "
                + target + "\nTo replace it: ccr preset delete " + target + ", then install again.");
    }

    /**
     * Asks {@code preset}'s inputs and saves them; with {@code source}, first installs that folder as
     * {@code preset.dirName()} (else reconfigures the installed preset).
     */
    void run(PresetManifest preset, Optional<Path> source, Map<String, String> given) throws IOException {
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
        if (source.isPresent()) {
            try {
                preset = presets.install(source.get(), preset.dirName());
            } catch (FileAlreadyExistsException e) {
                throw alreadyInstalled(preset.dirName());
            }
        }
        presets.save(preset.dirName(), manifest);

        out.println("✓ Preset " + (source.isPresent() ? "installed" : "reconfigured") + ": " + preset.dirName());
        out.println("Preset directory: " + preset.dir());
        out.println("Inputs configured: " + inputs);
        preset.text("description").ifPresent(d -> out.println("Description: " + d));
        preset.text("author").ifPresent(a -> out.println("Author: " + a));
        out.println("Use it: ccr " + preset.dirName() + " \"your prompt\"");
    }
}
