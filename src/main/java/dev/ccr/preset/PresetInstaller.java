package dev.ccr.preset;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ccr preset install} and {@code ccr install} share: ask for the inputs a preset's schema declares (or
 * take them from {@code --set}), then copy the preset folder in and save the answers as {@code userValues}. Asking
 * comes first, so a cancelled or failed answer leaves nothing half-installed.
 */
public final class PresetInstaller {
    private final Presets presets;

    public PresetInstaller(Presets presets) {
        this.presets = presets;
    }

    /** The preset to set up, and the folder to install it from; no folder means: reconfigure the installed one. */
    public record Chosen(PresetManifest preset, Optional<Path> folder) {
    }

    /** What a set-up did: the installed preset, whether its folder was installed now, how many inputs it has. */
    public record Installed(PresetManifest preset, boolean fresh, int inputs) {
    }

    public static PresetException alreadyInstalled(String target) {
        return new PresetException("Preset '" + target + "' is already installed. To reconfigure it: ccr preset install "
                + target + "\nTo replace it: ccr preset delete " + target + ", then install again.");
    }

    /**
     * {@code ccr preset install SOURCE}: a path (or a folder that is not an installed preset's name) is installed
     * under {@code name}, else under the folder's name; the name of an installed preset is reconfigured.
     */
    public Chosen choose(String source, Optional<String> name) throws IOException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            throw new PresetException("URL installation is not supported by ccr preset install; use: ccr install " + source);
        }
        Path folder = Path.of(source);
        boolean fresh = source.contains("/") || source.contains("\\") || (Files.isDirectory(folder) && !presets.installed(source));
        if (!fresh) {
            return new Chosen(presets.find(source).orElseThrow(() -> new PresetException(
                    "Preset '" + source + "' not found. Give the path of a preset folder (e.g. ./" + source + ").")),
                    Optional.empty());
        }
        if (!Files.isDirectory(folder)) {
            throw new PresetException("Preset directory not found: " + source);
        }
        String target = name.orElseGet(() -> folder.toAbsolutePath().normalize().getFileName().toString());
        if (presets.installed(target)) {
            throw alreadyInstalled(target);
        }
        return new Chosen(Presets.read(target, folder), Optional.of(folder));
    }

    /**
     * Asks {@code preset}'s inputs through {@code questions} (only when {@code interactive}; else from {@code given},
     * earlier answers and defaults) and saves them; with {@code source}, first installs that folder as
     * {@code preset.dirName()} (else reconfigures the installed preset).
     */
    public Installed run(PresetManifest preset, Optional<Path> source, Map<String, String> given, Questions questions,
                         boolean interactive) throws IOException {
        ObjectNode manifest = preset.manifest().deepCopy();
        int inputs = 0;
        if (!preset.schema().isEmpty()) {
            questions.say("Configuration required: " + preset.schema().size() + " field(s)");
            ObjectNode values = new SchemaInputs(questions, interactive)
                    .collect(preset.schema(), preset.configSection(), preset.userValues(), given);
            inputs = values.size();
            if (values.isEmpty()) {
                manifest.remove("userValues");
            } else {
                manifest.set("userValues", values);
            }
        } else if (!given.isEmpty()) {
            throw new PresetException("This preset declares no inputs; --set is not needed.");
        }
        if (source.isPresent()) {
            try {
                preset = presets.install(source.get(), preset.dirName());
            } catch (FileAlreadyExistsException e) {
                throw alreadyInstalled(preset.dirName());
            }
        }
        presets.save(preset.dirName(), manifest);
        return new Installed(preset, source.isPresent(), inputs);
    }
}
