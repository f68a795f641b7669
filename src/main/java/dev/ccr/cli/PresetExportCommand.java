package dev.ccr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.Json5;
import dev.ccr.preset.Presets;
import dev.ccr.preset.SecretPlaceholders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ccr preset export NAME}: writes the current config as a preset's {@code manifest.json}, version 1.0.0, with
 * secrets replaced by environment placeholders named per field (see {@link SecretPlaceholders}). The config is
 * exported as written, so {@code $VAR}s stay as they are and no secret from the environment can leak. Unlike CCR,
 * {@code --output} and {@code --include-sensitive} work.
 */
@Command(name = "export", description = {"Export the current config as a preset.", "",
        "Secrets become placeholders such as ${DEEPSEEK_API_KEY} (provider name + key), filled from the",
        "environment where the preset is used.", "", "Example:",
        "  ccr preset export my-setup --description \"DeepSeek for everything\" --author me --tags deepseek,cheap"})
final class PresetExportCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the preset.")
    String name;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    @Option(names = "--author", paramLabel = "NAME")
    String author;

    @Option(names = "--tags", paramLabel = "T1,T2", description = "Comma-separated keywords.")
    String tags;

    @Option(names = "--include-sensitive", description = "Keep secrets as they are (do not share the result).")
    boolean includeSensitive;

    @Option(names = "--output", paramLabel = "DIR", description = "Write to DIR/manifest.json instead of the presets folder.")
    Path output;

    PresetExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Presets presets = new Presets(context.home().presets());
        Path target = output != null ? output.toAbsolutePath() : presets.dirOf(name);
        if (Files.exists(target.resolve(Presets.MANIFEST)) || (output == null && Files.exists(target))) {
            throw new CliException("Preset directory already exists: " + target
                    + " (delete it with ccr preset delete " + name + ", or choose another name)");
        }
        Config config = configOption.load(context, spec.commandLine().getErr());
        if (context.interactive()) {
            Prompts prompts = new Prompts(context, out);
            description = description != null ? description : prompts.text("Description (optional):", "");
            author = author != null ? author : prompts.text("Author (optional):", "");
            tags = tags != null ? tags : prompts.text("Keywords (comma-separated, optional):", "");
        }
        ObjectNode document = (ObjectNode) config.document();
        SecretPlaceholders.Result sanitized = includeSensitive
                ? new SecretPlaceholders.Result(document, java.util.List.of())
                : SecretPlaceholders.apply(document);

        ObjectNode manifest = document.objectNode();
        manifest.put("name", name).put("version", "1.0.0");
        if (description != null && !description.isBlank()) {
            manifest.put("description", description);
        }
        if (author != null && !author.isBlank()) {
            manifest.put("author", author);
        }
        if (tags != null && !tags.isBlank()) {
            ArrayNode keywords = manifest.putArray("keywords");
            for (String tag : tags.split(",")) {
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

        out.println("✓ Preset exported successfully");
        out.println("Location: " + target);
        out.println("  - Providers: " + manifest.path("Providers").size());
        out.println("  - Router rules: " + manifest.path("Router").size());
        if (includeSensitive) {
            out.println("  - Secrets kept as they are (--include-sensitive): do not share this preset.");
        } else {
            out.println("  - Sensitive fields sanitized: " + sanitized.replaced().size());
            sanitized.replaced().forEach(r -> out.println("      " + r.path() + " → " + r.placeholder()));
        }
        var variables = SecretPlaceholders.variablesIn(sanitized.config());
        if (!variables.isEmpty()) {
            out.println("Whoever uses this preset sets these environment variables: " + String.join(", ", variables));
        }
        out.println("To share it: send the folder " + target + "; install with: ccr preset install <folder>");
        return ExitCodes.OK;
    }
}
