package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ccr codex}, {@code ccr gemini} and {@code ccr opencode} run their client the way {@code ccr code} runs Claude
 * Code: the router started if needed and stopped after the last session if a launcher started it, every argument passed
 * through, the client pointed at the router for this run only, and the user's own settings files left alone. The
 * client is a {@link FakeClaude} script that records its arguments and environment.
 */
class LauncherCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /* --------------- ccr codex --------------- */

    @Test
    void codexStartsTheRouterAndIsPointedAtItsResponsesEndpointForThisRunOnly() throws Exception {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"APIKEY\":\"secret-key\",\"Providers\":[],\"Router\":{}}".formatted(port));
            Path userHome = Files.createDirectories(home.dir().resolve("user"));
            Path codexConfig = Files.createDirectories(userHome.resolve(".codex")).resolve("config.toml");
            Files.writeString(codexConfig, "model = \"o3\"\n");
            FakeClaude codex = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 5, 0);
            home.env("CODEX_PATH", codex.script().toString()).env("HOME", userHome.toString());

            CliTestHome.Result result = home.run("codex", "exec", "--full-auto", "fix the \"failing\" test");

            assertThat(result.code()).as(result.toString()).isEqualTo(5);
            assertThat(result.out()).contains("Service not running, starting service...", "fake claude says hi");
            assertThat(codex.pidFileContent()).as("the router's PID file existed while codex ran").matches("\\d+");
            assertThat(codex.args()).containsExactly(
                    "-c", "model_provider=\"ccr\"",
                    "-c", "model=\"router\"",
                    "-c", "model_providers.ccr.name=\"claude-code-router\"",
                    "-c", "model_providers.ccr.base_url=\"http://127.0.0.1:" + port + "/v1\"",
                    "-c", "model_providers.ccr.wire_api=\"responses\"",
                    "-c", "model_providers.ccr.env_key=\"CCR_API_KEY\"",
                    "exec", "--full-auto", "fix the \"failing\" test");
            assertThat(codex.env()).containsEntry("CCR_API_KEY", "secret-key").containsEntry("NO_PROXY", "127.0.0.1");
            assertThat(String.join(" ", codex.args())).doesNotContain("secret-key");
            assertThat(Files.readString(codexConfig)).isEqualTo("model = \"o3\"\n");
            try (var files = Files.list(codexConfig.getParent())) {
                assertThat(files.toList()).as("nothing was added beside it").containsExactly(codexConfig);
            }
            // ccr codex started the router, so the last session's exit stopped it again.
            assertThat(home.sessions()).isZero();
            assertThat(home.runningPid()).isEmpty();
            assertThat(home.pidFile()).doesNotExist();
        }
    }

    @Test
    void everyArgumentReachesCodexUnchangedAndARouterTheUserStartedKeepsRunning() {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port));
            home.startForeground(port);
            FakeClaude codex = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CODEX_PATH", codex.script().toString());
            List<String> args = List.of("--help", "--", "-c", "model_provider=\"openai\"", "it's $HOME", "");

            CliTestHome.Result result = home.run(concat("codex", args));

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).doesNotContain("starting service");
            assertThat(codex.args().subList(12, codex.args().size())).isEqualTo(args);
            assertThat(codex.env()).containsEntry("CCR_API_KEY", "test");
            assertThat(home.sessions()).isZero();
            assertThat(home.runningPid()).contains(ProcessHandle.current().pid());
        }
    }

    @Test
    void aMissingCodexSaysHowToInstallItAndTheRouterItStartedStopsAgain() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(CliTestHome.freePort()));
            home.env("CODEX_PATH", home.dir().resolve("no-such-codex").toString());

            CliTestHome.Result result = home.run("codex");

            assertThat(result.code()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).contains("Failed to start Codex", "npm install -g @openai/codex", "CODEX_PATH");
            assertThat(home.sessions()).isZero();
            assertThat(home.runningPid()).isEmpty();
        }
    }

    /* --------------- ccr gemini --------------- */

    @Test
    void geminiIsPointedAtTheRoutersGeminiEndpointsThroughItsEnvironment() {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"APIKEY\":\"secret-key\",\"Providers\":[],\"Router\":{}}".formatted(port));
            home.startForeground(port);
            FakeClaude gemini = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("GEMINI_PATH", gemini.script().toString()).env("GOOGLE_GENAI_USE_VERTEXAI", "true");

            CliTestHome.Result result = home.run("gemini", "-m", "deepseek,deepseek-chat", "-p", "hi", "--help");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(gemini.args()).containsExactly("-m", "deepseek,deepseek-chat", "-p", "hi", "--help");
            assertThat(gemini.env())
                    .containsEntry("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:" + port)
                    .containsEntry("GEMINI_API_KEY", "secret-key")
                    .containsEntry("GEMINI_DEFAULT_AUTH_TYPE", "gemini-api-key")
                    .containsKey("GEMINI_CLI_SYSTEM_DEFAULTS_PATH")
                    .doesNotContainKey("GOOGLE_GENAI_USE_VERTEXAI");
            assertThat(Path.of(gemini.env().get("GEMINI_CLI_SYSTEM_DEFAULTS_PATH"))).content()
                    .contains("\"selectedType\": \"gemini-api-key\"");
            assertThat(home.sessions()).isZero();
        }
    }

    /* --------------- ccr opencode --------------- */

    @Test
    void openCodeGetsTheRouterAsAProviderInItsInlineConfig() throws Exception {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create()) {
            home.config("""
                    {"PORT": %d, "Providers": [{"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions",
                     "api_key": "sk-x", "models": ["deepseek-chat"]}], "Router": {"default": "deepseek,deepseek-chat"}}
                    """.formatted(port));
            home.startForeground(port);
            FakeClaude opencode = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("OPENCODE_PATH", opencode.script().toString());

            CliTestHome.Result result = home.run("opencode", "run", "-m", "ccr/deepseek,deepseek-chat", "fix it");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(opencode.args()).containsExactly("run", "-m", "ccr/deepseek,deepseek-chat", "fix it");
            JsonNode inline = JSON.readTree(opencode.env().get("OPENCODE_CONFIG_CONTENT"));
            assertThat(inline.path("provider").path("ccr").path("options").path("baseURL").asText())
                    .isEqualTo("http://127.0.0.1:" + port + "/v1");
            assertThat(inline.path("provider").path("ccr").path("models").has("deepseek,deepseek-chat")).isTrue();
            assertThat(inline.path("model").asText()).isEqualTo("ccr/router");
        }
    }

    private static String[] concat(String first, List<String> rest) {
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }
}
