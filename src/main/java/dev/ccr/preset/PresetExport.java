package dev.ccr.preset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Json5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ccr preset export}: a config document written as a preset's {@code manifest.json}, version 1.0.0, with
 * secrets replaced by environment placeholders named per field (see {@link SecretPlaceholders}) unless the caller
 * keeps them. The document is exported as written, so {@code $VAR}s stay as they are and no secret from the
 * environment can leak.
 */
public final class PresetExport {
    private PresetExport() {
    }

    /** What the user says about the preset; an empty text is left out. {@code tags} are comma-separated. */
    public record Metadata(String description, String author, String tags) {
        public Metadata {
            description = description == null ? "" : description;
            author = author == null ? "" : author;
            tags = tags == null ? "" : tags;
        }
    }

    /**
     * A written preset.
     *
     * @param replaced  the secrets replaced by placeholders (none when they were kept)
     * @param variables the environment variables whoever uses the preset must set
     */
    public record Exported(Path target, ObjectNode manifest, List<SecretPlaceholders.Replaced> replaced, Set<String> variables) {
    }

    /**
     * The folder preset {@code name} is written to: {@code output} when given, else its folder under {@code presets}.
     *
     * @throws PresetException when a preset is already there
     */
    public static Path target(Presets presets, String name, Path output) {
        Path target = output != null ? output.toAbsolutePath() : presets.dirOf(name);
        if (Files.exists(target.resolve(Presets.MANIFEST)) || (output == null && Files.exists(target))) {
            throw new PresetException("Preset directory already exists: " + target
                    + " (delete it with ccr preset delete " + name + ", or choose another name)");
        }
        return target;
    }

    /** Writes {@code document} as preset {@code name} to {@code output}, or (when null) into {@code presets}. */
    public static Exported write(Presets presets, String name, Path output, ObjectNode document, Metadata metadata,
                                 boolean includeSensitive) throws IOException {
        Path target = target(presets, name, output);
        SecretPlaceholders.Result sanitized = includeSensitive
                ? new SecretPlaceholders.Result(document, List.of())
                : SecretPlaceholders.apply(document);

        ObjectNode manifest = document.objectNode();
        manifest.put("name", name).put("version", "1.0.0");
        if (!metadata.description().isBlank()) {
            manifest.put("description", metadata.description());
        }
        if (!metadata.author().isBlank()) {
            manifest.put("author", metadata.author());
        }
        if (!metadata.tags().isBlank()) {
            ArrayNode keywords = manifest.putArray("keywords");
            for (String tag : metadata.tags().split(",")) {
                if (!tag.isBlank()) {
                    keywords.add(tag.trim());
                }
            }
        }
        manifest.setAll(sanitized.config());
        manifest.put("name", name).put("version", "1.0.0");
        if (output != null) {
            Files.createDirectories(target);
            Files.writeString(target.resolve(Presets.MANIFEST), Json5.pretty(manifest), StandardCharsets.UTF_8);
        } else {
            presets.save(name, manifest);
        }
        return new Exported(target, manifest, sanitized.replaced(), SecretPlaceholders.variablesIn(sanitized.config()));
    }
}
