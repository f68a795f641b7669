package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.preset.PresetManifest;
import dev.ccr.preset.Presets;
import dev.ccr.preset.SecretPlaceholders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ccr preset info NAME}: metadata, what the preset configures, its inputs and the variables it needs. */
@Command(name = "info", description = {"Show a preset's details and required inputs.", "", "Example:", "  ccr preset info my-setup"})
final class PresetInfoCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    PresetInfoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Presets presets = new Presets(context.home().presets());
        PresetManifest preset;
        try {
            preset = presets.find(name).orElseThrow(() -> new CliException("Preset '" + name + "' not found (see ccr preset list)."));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        out.println("═".repeat(47));
        out.println("Preset: " + preset.displayName());
        out.println("═".repeat(47));
        out.println("Folder: " + preset.dir());
        for (String field : List.of("version", "description", "author", "homepage", "repository", "license")) {
            preset.text(field).ifPresent(v -> out.println(Character.toUpperCase(field.charAt(0)) + field.substring(1) + ": " + v));
        }
        JsonNode keywords = preset.manifest().path("keywords");
        if (keywords.isArray() && !keywords.isEmpty()) {
            List<String> words = new ArrayList<>();
            keywords.forEach(k -> words.add(k.asText()));
            out.println("Keywords: " + String.join(", ", words));
        }
        ObjectNode config = preset.resolvedConfig();
        out.println();
        out.println("Configuration:");
        if (config.has("Providers")) {
            List<String> names = new ArrayList<>();
            config.get("Providers").forEach(p -> names.add(p.path("name").asText()));
            out.println("  Providers: " + config.get("Providers").size() + " " + names);
        }
        if (config.has("Router")) {
            out.println("  Router rules: " + config.get("Router").size());
            config.get("Router").properties().forEach(r -> out.println("    " + r.getKey() + ": " + r.getValue().asText()));
        }
        if (config.path("provider").isTextual()) {
            out.println("  Provider: " + config.get("provider").asText());
        }
        if (config.path("noServer").asBoolean(false)) {
            out.println("  noServer: Claude Code talks to the provider directly");
        }
        List<JsonNode> schema = preset.schema();
        if (!schema.isEmpty()) {
            out.println();
            out.println("Required inputs:");
            ObjectNode values = preset.userValues();
            for (JsonNode input : schema) {
                String id = input.path("id").asText();
                String prompt = input.path("prompt").asText("");
                out.println("  - " + input.path("label").asText(id) + (prompt.isEmpty() ? "" : " (" + prompt + ")")
                        + (values.has(id) ? "  ✓ set" : ""));
            }
        }
        Set<String> variables = SecretPlaceholders.variablesIn(config);
        if (!variables.isEmpty()) {
            out.println();
            out.println("Environment variables it reads: " + String.join(", ", variables));
        }
        return ExitCodes.OK;
    }
}
