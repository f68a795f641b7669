package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ccr.config.EnvInterpolation;
import dev.ccr.config.Json5;
import dev.ccr.preset.PresetManifest;
import dev.ccr.preset.Presets;
import dev.ccr.statusline.StatusLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ccr statusline [preset]}: Claude Code runs this with its status JSON on stdin; it prints one line (spec
 * §7.3). The theme comes from the preset's {@code StatusLine}, else the config's, else the built-in one. Never
 * creates or changes any file: Claude Code calls it after every message.
 */
@Command(name = "statusline", description = {"Render Claude Code's status line from the JSON on stdin.", "",
        "Example (what Claude Code runs when StatusLine.enabled is true):",
        "  echo '{\"session_id\":\"s\",\"workspace\":{\"current_dir\":\"'$PWD'\"},\"model\":{\"display_name\":\"m\"}}' | ccr statusline"})
final class StatuslineCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PRESET", description = "Use this preset's StatusLine settings.")
    String preset;

    StatuslineCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode input;
        try {
            input = JSON.readTree(new String(context.in().readAllBytes(), StandardCharsets.UTF_8));
            if (input == null || !input.isObject()) {
                throw new IOException("expected a JSON object");
            }
        } catch (IOException e) {
            throw new CliException("Error parsing status line data: " + e.getMessage());
        }
        Optional<JsonNode> global = readConfig(context.home().configFile());
        JsonNode statusLine = presetStatusLine()
                .or(() -> global.map(c -> c.path("StatusLine")).filter(StatuslineCommand::hasModules))
                .orElse(MissingNode.getInstance());
        StatusLine.Sources sources = new StatusLine.Sources(statusLine, context.env(), context.tempDir(), context.clock(),
                dir -> readConfig(dir.resolve(".claude-code-router").resolve("config.json"))
                        .or(() -> global)
                        .flatMap(StatuslineCommand::defaultModel));
        spec.commandLine().getOut().println(StatusLine.render(input, sources));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private Optional<JsonNode> presetStatusLine() {
        if (preset == null) {
            return Optional.empty();
        }
        try {
            return new Presets(context.home().presets()).find(preset)
                    .map(PresetManifest::resolvedConfig)
                    .map(c -> c.path("StatusLine"))
                    .filter(StatuslineCommand::hasModules);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** CCR uses a config's StatusLine only when its current style has modules. */
    private static boolean hasModules(JsonNode statusLine) {
        return statusLine.path(statusLine.path("currentStyle").asText("default")).path("modules").isArray();
    }

    private Optional<JsonNode> readConfig(Path file) {
        try {
            return Optional.of(EnvInterpolation.of(context.env()).apply(Json5.parse(Files.readString(file, StandardCharsets.UTF_8))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> defaultModel(JsonNode config) {
        String route = config.path("Router").path("default").asText("");
        int comma = route.indexOf(',');
        return comma < 0 ? Optional.empty() : Optional.of(route.substring(comma + 1).trim()).filter(m -> !m.isEmpty());
    }
}
