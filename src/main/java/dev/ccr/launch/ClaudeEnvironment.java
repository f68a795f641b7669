package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Claude Code is told about the router: CCR's environment (docs/cli.md, {@code createEnvVariables}), printed by
 * {@code ccr activate} and written into the {@code --settings} file {@code ccr code} passes, with the status line
 * command and a preset's own settings.
 */
public final class ClaudeEnvironment {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The variable CCR unsets so Claude Code does not go to Bedrock instead. */
    public static final String UNSET_BEDROCK = "CLAUDE_CODE_USE_BEDROCK";

    private ClaudeEnvironment() {
    }

    /**
     * CCR's seven variables in CCR's order; a {@code null} value means "unset". The base URL always uses 127.0.0.1,
     * whatever HOST says.
     */
    public static LinkedHashMap<String, String> variables(Config config, int port) {
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        env.put("ANTHROPIC_AUTH_TOKEN", config.apiKey().orElse("test"));
        env.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port);
        env.put("NO_PROXY", "127.0.0.1");
        env.put("DISABLE_TELEMETRY", "true");
        env.put("DISABLE_COST_WARNINGS", "true");
        env.put("API_TIMEOUT_MS", Long.toString(config.apiTimeout().toMillis()));
        env.put(UNSET_BEDROCK, null);
        return env;
    }

    /** {@code ccr activate}'s lines: {@code export K="v"} (no escaping, as CCR) or {@code unset K}. */
    public static String activateScript(Map<String, String> variables) {
        StringBuilder out = new StringBuilder();
        variables.forEach((key, value) -> out.append(value == null ? "unset " + key : "export " + key + "=\"" + value + "\"")
                .append('\n'));
        return out.toString();
    }

    /**
     * What a preset changes about a Claude Code launch (docs/cli.md); {@link #NONE} for a plain {@code ccr code}.
     *
     * @param name         the preset, for {@code ccr statusline <name>}
     * @param namespace the server path Claude Code talks to ({@code /preset/<name>}), empty when it bypasses the server
     * @param envOverrides variables that replace CCR's (a {@code noServer} preset's base URL and key)
     */
    public record PresetLaunch(Optional<String> name, Optional<String> namespace, Map<String, String> envOverrides,
                        Optional<JsonNode> statusLine, Optional<JsonNode> claudeCodeSettings) {
        public static final PresetLaunch NONE = new PresetLaunch(Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty());
    }

    /**
     * The settings object CCR passes with {@code --settings}: {@code env} (unset variables left out), the status line
     * when {@code StatusLine.enabled}, a preset's {@code claudeCodeSettings} merged over it (its {@code env} merged
     * into {@code env}), and the non-interactive variables when {@code NON_INTERACTIVE_MODE} is on.
     */
    public static ObjectNode settings(Config config, Map<String, String> variables, PresetLaunch preset) {
        ObjectNode settings = JSON.createObjectNode();
        ObjectNode env = settings.putObject("env");
        variables.forEach((k, v) -> {
            if (v != null) {
                env.put(k, v);
            }
        });
        preset.envOverrides().forEach(env::put);
        JsonNode statusLine = preset.statusLine().orElse(config.resolved().path("StatusLine"));
        if (statusLine.path("enabled").asBoolean(false)) {
            settings.putObject("statusLine").put("type", "command")
                    .put("command", "ccr statusline" + preset.name().map(n -> " " + n).orElse(""))
                    .put("padding", 0);
        }
        preset.claudeCodeSettings().filter(JsonNode::isObject).ifPresent(extra -> extra.properties().forEach(field -> {
            if (field.getKey().equals("env") && field.getValue().isObject()) {
                field.getValue().properties().forEach(e -> env.set(e.getKey(), e.getValue()));
            } else {
                settings.set(field.getKey(), field.getValue());
            }
        }));
        if (nonInteractive(config)) {
            env.put("CI", "true").put("FORCE_COLOR", "0").put("NODE_NO_READLINE", "1").put("TERM", "dumb");
        }
        return settings;
    }

    public static boolean nonInteractive(Config config) {
        JsonNode flag = config.resolved().path("NON_INTERACTIVE_MODE");
        return flag.isBoolean() ? flag.booleanValue() : flag.asText().equals("true");
    }

    /**
     * Writes the settings to {@code runtime/settings/ccr-settings-<sha256>.json} under ccr's home, readable by the
     * user only: it holds the API key, and CCR's world-readable {@code $TMPDIR} copy would share it with every user.
     */
    public static Path writeSettingsFile(Path dir, ObjectNode settings) {
        try {
            String text = JSON.writeValueAsString(settings);
            Path file = dir.resolve("ccr-settings-" + sha256(text) + ".json");
            if (Files.exists(file)) {
                return file;
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "ccr-settings-", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the home folder's own permissions apply
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Claude Code settings file in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
