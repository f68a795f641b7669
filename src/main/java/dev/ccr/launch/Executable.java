package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which program a launcher runs: the path setting from the config ({@code CLAUDE_PATH}, {@code CODEX_PATH}, ...),
 * then the same variable in the environment, then the client's usual command (docs/cli.md for {@code CLAUDE_PATH}).
 * A value with spaces that names no file is split into words ({@code "npx @openai/codex"}), as CCR's shell would, and
 * a bare name is looked up on the {@code PATH} of the environment the client gets, not on ccr's own.
 */
public final class Executable {
    private Executable() {
    }

    /** The command's words, the program first. */
    public static List<String> resolve(JsonNode config, Map<String, String> env, String setting, String fallback) {
        JsonNode configured = config.path(setting);
        String value = configured.isTextual() && !configured.asText().isBlank() ? configured.asText()
                : Optional.ofNullable(env.get(setting)).filter(s -> !s.isBlank()).orElse(fallback);
        List<String> words = Files.exists(Path.of(value)) ? List.of(value) : Arrays.asList(value.trim().split("\\s+"));
        List<String> command = new ArrayList<>(words);
        command.set(0, onPath(words.getFirst(), env.get("PATH")));
        return command;
    }

    private static String onPath(String executable, String path) {
        if (executable.contains("/") || executable.contains("\\") || path == null) {
            return executable;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return Path.of(dir, executable).toString();
            }
        }
        return executable;
    }
}
