package dev.ccr.cli;

import dev.ccr.preset.PresetInstaller;
import dev.ccr.preset.PresetManifest;
import dev.ccr.preset.Presets;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The part {@code ccr preset install} and {@code ccr install} share: {@link PresetInstaller} asks the preset's inputs
 * through this command's prompts and installs it; this prints what it did.
 */
final class PresetSetup {
    private final CliContext context;
    private final PrintWriter out;
    private final Presets presets;
    private final PresetInstaller installer;

    PresetSetup(CliContext context, PrintWriter out) {
        this.context = context;
        this.out = out;
        this.presets = new Presets(context.home().presets());
        this.installer = new PresetInstaller(presets);
    }

    Presets presets() {
        return presets;
    }

    PresetInstaller installer() {
        return installer;
    }

    /**
     * Asks {@code preset}'s inputs and saves them; with {@code source}, first installs that folder as
     * {@code preset.dirName()} (else reconfigures the installed preset).
     */
    void run(PresetManifest preset, Optional<Path> source, Map<String, String> given) throws IOException {
        PresetInstaller.Installed done = installer.run(preset, source, given, new Prompts(context, out), context.interactive());
        PresetManifest installed = done.preset();
        out.println("✓ Preset " + (done.fresh() ? "installed" : "reconfigured") + ": " + installed.dirName());
        out.println("Preset directory: " + installed.dir());
        out.println("Inputs configured: " + done.inputs());
        installed.text("description").ifPresent(d -> out.println("Description: " + d));
        installed.text("author").ifPresent(a -> out.println("Author: " + a));
        out.println("Use it: ccr " + installed.dirName() + " \"your prompt\"");
    }
}
