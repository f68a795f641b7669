package dev.ccr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.preset.PresetExport;
import dev.ccr.preset.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ccr preset export NAME}: writes the current config as a preset's {@code manifest.json}, version 1.0.0, with
 * secrets replaced by environment placeholders named per field ({@link PresetExport} writes it). Unlike CCR,
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
        PresetExport.target(presets, name, output);
        Config config = configOption.load(context, spec.commandLine().getErr());
        if (context.interactive()) {
            Prompts prompts = new Prompts(context, out);
            description = description != null ? description : prompts.text("Description (optional):", "");
            author = author != null ? author : prompts.text("Author (optional):", "");
            tags = tags != null ? tags : prompts.text("Keywords (comma-separated, optional):", "");
        }
        PresetExport.Exported exported = PresetExport.write(presets, name, output, (ObjectNode) config.document(),
                new PresetExport.Metadata(description, author, tags), includeSensitive);

        Path target = exported.target();
        out.println("✓ Preset exported successfully");
        out.println("Location: " + target);
        out.println("  - Providers: " + exported.manifest().path("Providers").size());
        out.println("  - Router rules: " + exported.manifest().path("Router").size());
        if (includeSensitive) {
            out.println("  - Secrets kept as they are (--include-sensitive): do not share this preset.");
        } else {
            out.println("  - Sensitive fields sanitized: " + exported.replaced().size());
            exported.replaced().forEach(r -> out.println("      " + r.path() + " → " + r.placeholder()));
        }
        if (!exported.variables().isEmpty()) {
            out.println("Whoever uses this preset sets these environment variables: " + String.join(", ", exported.variables()));
        }
        out.println("To share it: send the folder " + target + "; install with: ccr preset install <folder>");
        return ExitCodes.OK;
    }
}
