package dev.ccr.statusline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatusLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-04T10:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void variablesFollowCcrsFormatting() throws Exception {
        JsonNode input = JSON.readTree("""
                {"session_id": "0123456789abcdef", "model": {"display_name": "Shown"}, "version": "2.1.0",
                 "workspace": {"current_dir": "/nowhere/proj"},
                 "cost": {"total_cost_usd": 0.004, "total_duration_ms": 75000, "total_lines_added": 12, "total_lines_removed": 5},
                 "context_window": {"total_input_tokens": 25000, "total_output_tokens": 900, "context_window_size": 200000,
                                    "current_usage": {"input_tokens": 1000, "cache_creation_input_tokens": 500, "cache_read_input_tokens": 48500}}}""");

        Map<String, String> v = StatusLine.variables(input, sources(MissingNode.getInstance()));

        assertThat(v).containsEntry("workDirName", "proj").containsEntry("model", "Shown").containsEntry("sessionId", "01234567")
                .containsEntry("cost", "0.40¢").containsEntry("duration", "1m15s").containsEntry("netLines", "7")
                .containsEntry("contextPercent", "25").containsEntry("contextWindowSize", "200k")
                .containsEntry("totalInputTokens", "25.0k").containsEntry("totalOutputTokens", "900")
                .containsEntry("tokenSpeed", "0").containsEntry("isStreaming", "").containsEntry("version", "2.1.0");
    }

    @Test
    void aFreshTokenSpeedFileFillsSpeedAndTimeToFirstToken() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("claude-code-router"));
        Files.writeString(dir.resolve("session-s1.json"), """
                {"tokensPerSecond": 42, "timeToFirstToken": "850ms", "timestamp": %d}""".formatted(NOW.toEpochMilli() - 1000));
        JsonNode input = JSON.readTree("{\"session_id\": \"s1\", \"workspace\": {\"current_dir\": \"/x\"}}");

        Map<String, String> v = StatusLine.variables(input, sources(MissingNode.getInstance()));

        assertThat(v).containsEntry("tokenSpeed", "42").containsEntry("isStreaming", "streaming")
                .containsEntry("streamingIndicator", "[Streaming]").containsEntry("timeToFirstToken", "850ms");
    }

    @Test
    void aStaleTokenSpeedFileShowsZero() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("claude-code-router"));
        Files.writeString(dir.resolve("session-s1.json"), "{\"tokensPerSecond\": 42, \"timestamp\": %d}".formatted(NOW.toEpochMilli() - 5000));
        JsonNode input = JSON.readTree("{\"session_id\": \"s1\", \"workspace\": {\"current_dir\": \"/x\"}}");
        assertThat(StatusLine.variables(input, sources(MissingNode.getInstance()))).containsEntry("tokenSpeed", "0");
    }

    @Test
    void modulesWithEmptyTextAreLeftOutAndUnknownVariablesAreEmpty() throws Exception {
        JsonNode config = JSON.readTree("""
                {"default": {"modules": [{"text": "{{nothing}}"}, {"icon": "*", "text": "{{model}}", "color": "#ff0000"},
                                         {"text": "v{{version}}", "background": "bg_red"}]}}""");
        String line = StatusLine.render(JSON.readTree("{\"model\":{\"display_name\":\"m\"},\"version\":\"1\"}"), sources(config));
        assertThat(line).isEqualTo("\u001b[38;2;255;0;0m* m\u001b[0m \u001b[41mv1\u001b[0m");
    }

    @Test
    void durationsAreFormattedAsCcrDoes() {
        assertThat(StatusLine.duration(999)).isEqualTo("999ms");
        assertThat(StatusLine.duration(1500)).isEqualTo("1.5s");
        assertThat(StatusLine.duration(125_000)).isEqualTo("2m5s");
    }

    @Test
    void aScriptModuleRunsInNodeWhenItIsInstalled() throws Exception {
        Path script = tmp.resolve("status.js");
        Files.writeString(script, "module.exports = (vars, opts) => `${vars.model}-${opts.suffix}`;");
        JsonNode config = JSON.readTree("""
                {"default": {"modules": [{"type": "script", "scriptPath": "%s", "options": {"suffix": "ok"}}]}}""".formatted(script));
        String line = StatusLine.render(JSON.readTree("{\"model\":{\"display_name\":\"m\"}}"), sources(config));
        boolean node;
        try {
            node = new ProcessBuilder("node", "--version").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            node = false;
        }
        assertThat(line).isEqualTo(node ? "m-ok\u001b[0m" : "");
    }

    private StatusLine.Sources sources(JsonNode statusLine) {
        return new StatusLine.Sources(statusLine, Map.of("TERM", "xterm"), tmp, Clock.fixed(NOW, ZoneOffset.UTC), dir -> Optional.empty());
    }
}
