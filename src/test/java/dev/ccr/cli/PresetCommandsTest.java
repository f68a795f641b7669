package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PresetCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KIMI = """
            {
              // a preset folder as someone shares it
              "name": "kimi", "version": "1.2.0", "description": "Kimi for everything", "author": "ann",
              "schema": [
                {"id": "apiKey", "label": "Moonshot API key"},
                {"id": "model", "type": "select", "label": "Model",
                 "options": [{"label": "K2", "value": "kimi-k2"}, {"label": "K2 turbo", "value": "kimi-k2-turbo"}]},
                {"id": "fast", "type": "confirm", "label": "Fast mode", "defaultValue": false},
                {"id": "budget", "type": "number", "label": "Budget", "min": 1, "max": 10,
                 "when": {"field": "fast", "operator": "eq", "value": true}}
              ],
              "Providers": [{"name": "kimi", "api_base_url": "https://api.moonshot.cn/v1/chat/completions",
                             "api_key": "#{apiKey}", "models": ["kimi-k2", "kimi-k2-turbo"]}],
              "Router": {"default": "kimi,#{model}"},
              "StatusLine": {"default": {"modules": [{"type": "script", "scriptPath": "status.js"}]}}
            }""";

    /* --------------- install --------------- */

    @Test
    void installCopiesTheWholeFolderAndAsksTheSchemaQuestions() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            Path source = folder(home, "kimi");
            Files.writeString(source.resolve("status.js"), "module.exports = () => 'hi';");

            // 1. the key, 2. the second model, 3. fast mode yes, 4. a budget out of range, then a good one
            CliTestHome.Result result = home.answering("sk-moon\n2\ny\n50\n5\n", "preset", "install", source.toString());

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).contains("Configuration required: 4 field(s)", "Budget must be at most 10",
                    "✓ Preset installed: kimi", "Inputs configured: 4");
            Path installed = home.presets().resolve("kimi");
            assertThat(installed.resolve("status.js")).exists();
            JsonNode values = JSON.readTree(Files.readString(installed.resolve("manifest.json"))).path("userValues");
            assertThat(values.toString()).isEqualTo("{\"apiKey\":\"sk-moon\",\"model\":\"kimi-k2-turbo\",\"fast\":true,\"budget\":5}");
        }
    }

    @Test
    void installWithoutATerminalTakesSetValuesAndDefaultsAndNamesWhatIsMissing() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            Path source = folder(home, "kimi");

            CliTestHome.Result missing = home.run("preset", "install", source.toString(), "--set", "apiKey=k");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("needs 'Model'", "--set model=<value>");

            assertThat(home.presets().resolve("kimi")).as("nothing half-installed").doesNotExist();
            CliTestHome.Result result = home.run("preset", "install", source.toString(), "--name", "moon",
                    "--set", "apiKey=k", "--set", "model=kimi-k2");
            assertThat(result.code()).as(result.toString()).isZero();
            JsonNode manifest = JSON.readTree(Files.readString(home.presets().resolve("moon").resolve("manifest.json")));
            assertThat(manifest.path("userValues").toString()).isEqualTo("{\"apiKey\":\"k\",\"model\":\"kimi-k2\",\"fast\":false}");

            CliTestHome.Result bad = home.run("preset", "install", "moon", "--set", "model=gpt");
            assertThat(bad.err()).contains("Model must be one of [kimi-k2, kimi-k2-turbo]");
        }
    }

    @Test
    void installRefusesUrlsAndInstalledNamesAndReconfiguresByName() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            Path source = folder(home, "kimi");
            assertThat(home.run("preset", "install", "https://example.com/p.zip").err()).contains("URL installation is not supported");
            assertThat(home.run("preset", "install", source.toString(), "--set", "apiKey=a", "--set", "model=kimi-k2").code()).isZero();

            CliTestHome.Result twice = home.run("preset", "install", source.toString(), "--set", "apiKey=a", "--set", "model=kimi-k2");
            assertThat(twice.code()).isEqualTo(1);
            assertThat(twice.err()).contains("already installed", "ccr preset install kimi");

            CliTestHome.Result again = home.run("preset", "install", "kimi", "--set", "apiKey=b");
            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(again.out()).contains("Reconfiguring preset: kimi", "✓ Preset reconfigured: kimi");
            JsonNode values = JSON.readTree(Files.readString(home.presets().resolve("kimi").resolve("manifest.json"))).path("userValues");
            assertThat(values.path("apiKey").asText()).isEqualTo("b");
            assertThat(values.path("model").asText()).as("earlier answers are kept").isEqualTo("kimi-k2");

            assertThat(home.run("preset", "install", "nope").err()).contains("Preset 'nope' not found");
        }
    }

    /* --------------- list, info, delete --------------- */

    @Test
    void listInfoAndDelete() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            assertThat(home.run("preset", "list").out()).contains("No presets found.");
            home.run("preset", "install", folder(home, "kimi").toString(), "--set", "apiKey=a", "--set", "model=kimi-k2");
            Files.createDirectories(home.presets().resolve("broken"));
            Files.writeString(home.presets().resolve("broken").resolve("manifest.json"), "{not json");

            String list = home.run("preset", "ls").out();
            assertThat(list).contains("• kimi (v1.2.0)", "Kimi for everything", "by ann", "• broken", "(error reading its manifest.json)");

            CliTestHome.Result info = home.run("preset", "info", "kimi");
            assertThat(info.out()).contains("Preset: kimi", "Version: 1.2.0", "Providers: 1 [kimi]", "default: kimi,kimi-k2",
                    "Required inputs:", "- Moonshot API key  ✓ set", "- Budget");

            assertThat(home.run("preset", "rm", "kimi").out()).contains("✓ Preset \"kimi\" deleted.");
            assertThat(home.presets().resolve("kimi")).doesNotExist();
            assertThat(home.run("preset", "delete", "kimi").err()).contains("not found");
            assertThat(home.run("preset", "delete", "../etc").err()).contains("Invalid preset name");
            assertThat(home.run("preset", "info", "kimi").code()).isEqualTo(1);
        }
    }

    @Test
    void presetAloneListsItsCommandsAndFails() {
        try (CliTestHome home = CliTestHome.create()) {
            CliTestHome.Result result = home.run("preset");
            assertThat(result.code()).isEqualTo(1);
            assertThat(result.err()).contains("export", "install", "list", "info", "delete");
        }
    }

    /* --------------- ccr <preset> --------------- */

    @Test
    void runningAPresetLaunchesClaudeAgainstItsNamespace() throws Exception {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port))) {
            home.run("preset", "install", folder(home, "kimi").toString(), "--set", "apiKey=a", "--set", "model=kimi-k2");
            Path manifest = home.presets().resolve("kimi").resolve("manifest.json");
            Files.writeString(manifest, Files.readString(manifest).replace("\"Router\"",
                    "\"claudeCodeSettings\": {\"env\": {\"EXTRA\": \"1\"}, \"model\": \"opus\"}, \"Router\""));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 4, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run("kimi", "Write a Hello World", "--verbose");

            assertThat(result.code()).as(result.toString()).isEqualTo(4);
            assertThat(claude.args()).containsExactly("Write a Hello World", "--verbose", "--settings", claude.settingsFile().toString());
            JsonNode settings = claude.settings();
            assertThat(settings.at("/env/ANTHROPIC_BASE_URL").asText()).isEqualTo("http://127.0.0.1:" + port + "/preset/kimi");
            assertThat(settings.at("/env/EXTRA").asText()).isEqualTo("1");
            assertThat(settings.at("/model").asText()).isEqualTo("opus");
            assertThat(settings.at("/statusLine/command").asText()).as("the preset's StatusLine has modules but is not enabled")
                    .isEmpty();
            assertThat(home.runningPid()).isEmpty();
        }
    }

    @Test
    void aNoServerPresetTalksToItsProviderDirectly() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d}".formatted(CliTestHome.freePort()))) {
            Path dir = home.presets().resolve("direct");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("manifest.json"), """
                    {"noServer": true, "StatusLine": {"enabled": true},
                     "Providers": [{"name": "a", "api_base_url": "https://api.example.com/v1/messages", "api_key": "$DIRECT_KEY"}]}""");
            home.env("DIRECT_KEY", "dk");
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run("direct");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(claude.settings().at("/env/ANTHROPIC_BASE_URL").asText()).isEqualTo("https://api.example.com");
            assertThat(claude.settings().at("/env/ANTHROPIC_AUTH_TOKEN").asText()).isEqualTo("dk");
            assertThat(claude.settings().at("/statusLine/command").asText()).isEqualTo("ccr statusline direct");
            assertThat(claude.pidFileContent()).as("no router was started").isEmpty();
        }
    }

    @Test
    void aPresetWithMissingInputsSaysHowToConfigureIt() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{}")) {
            Path dir = home.presets().resolve("needs");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("manifest.json"), "{\"schema\":[{\"id\":\"apiKey\"}]}");
            CliTestHome.Result result = home.run("needs");
            assertThat(result.code()).isEqualTo(1);
            assertThat(result.err()).contains("needs apiKey first: run ccr preset install needs");
        }
    }

    private static Path folder(CliTestHome home, String name) throws Exception {
        Path dir = home.dir().resolve("shared").resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), KIMI);
        return dir;
    }
}
