package dev.ccr.acceptance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.cli.CliTestHome;
import dev.ccr.cli.FakeClaude;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ccr code --dangerously-skip-permissions} with the router stopped starts it (the PID file
 * appears), waits, and launches claude with the flag plus {@code --settings <file>} whose {@code env} carries CCR's
 * variables; with {@code StatusLine.enabled} the settings also name {@code ccr statusline}. Positional prompts are
 * kept (P-15 fixed).
 */
@Tag("ccr-11.64")
class CodeLaunchTest {
    @Test
    void codeStartsTheRouterAndLaunchesClaudeWithTheFlagAndASettingsFile() throws Exception {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"APIKEY\":\"secret-key\",\"Providers\":[],\"Router\":{},\"StatusLine\":{\"enabled\":true}}".formatted(port));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run("code", "--dangerously-skip-permissions");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(claude.pidFileContent()).as("the router's PID file existed while claude ran").matches("\\d+");
            assertThat(claude.args()).containsExactly("--dangerously-skip-permissions", "--settings", claude.settingsFile().toString());
            JsonNode env = claude.settings().path("env");
            assertThat(env.path("ANTHROPIC_BASE_URL").asText()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(env.path("ANTHROPIC_AUTH_TOKEN").asText()).isEqualTo("secret-key");
            assertThat(env.path("API_TIMEOUT_MS").asText()).isEqualTo("600000");
            assertThat(env.path("DISABLE_TELEMETRY").asText()).isEqualTo("true");
            assertThat(env.path("DISABLE_COST_WARNINGS").asText()).isEqualTo("true");
            assertThat(env.path("NO_PROXY").asText()).isEqualTo("127.0.0.1");
            assertThat(env.has("CLAUDE_CODE_USE_BEDROCK")).isFalse();
            assertThat(claude.settings().path("statusLine").toString())
                    .isEqualTo("{\"type\":\"command\",\"command\":\"ccr statusline\",\"padding\":0}");
            // The same variables reach the process environment too, and Bedrock is really unset there.
            assertThat(claude.env()).containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port).doesNotContainKey("CLAUDE_CODE_USE_BEDROCK");
            // The settings file holds the API key: readable by the user only, and not in the shared temp folder.
            assertThat(claude.settingsFile()).startsWith(home.dir());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(claude.settingsFile()))).isEqualTo("rw-------");
            assertThat(result.out()).contains("fake claude says hi");
            // ccr code started the router, so the last session's exit stopped it again.
            assertThat(home.runningPid()).isEmpty();
            assertThat(home.pidFile()).doesNotExist();
        }
    }

    @Test
    void everyArgumentReachesClaudeUnchangedIncludingThePromptDoubleDashAndHelp() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(CliTestHome.freePort()));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run("code", "Write a Hello World", "-p", "--model", "x,y", "--",
                    "--help", "it's \"quoted\" $HOME", "@file.md", "");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(claude.args()).containsExactly("Write a Hello World", "-p", "--model", "x,y", "--",
                    "--help", "it's \"quoted\" $HOME", "@file.md", "", "--settings", claude.settingsFile().toString());
            assertThat(claude.settings().has("statusLine")).isFalse();
            assertThat(claude.settings().path("env").path("ANTHROPIC_AUTH_TOKEN").asText()).isEqualTo("test");
        }
    }
}
