package dev.ccr.acceptance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.cli.CliTestHome;
import dev.ccr.cli.FakeClaude;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ccr code} names Claude Code's model slots after the models ccr routes them to, so {@code /model} offers the
 * user's own providers, and sets the auto-compact window to the routed default model's context window.
 */
class CodeModelSlotsTest {
    private static final String PROVIDERS = """
            "Providers":[{"name":"ds","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k",
                          "models":["deepseek-chat","deepseek-reasoner"]},
                         {"name":"local","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k","models":["small"]}]""";

    @Test
    void theSlotsAreNamedForTheRoutedModelsAndTheWindowIsTheDefaultModels() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,%s,\"Router\":{\"default\":\"ds,deepseek-chat\",\"background\":\"local,small\"}}"
                    .formatted(CliTestHome.freePort(), PROVIDERS));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run("code", "-p", "hi");

            assertThat(result.code()).as(result.toString()).isZero();
            JsonNode env = claude.settings().path("env");
            assertThat(env.path("ANTHROPIC_DEFAULT_OPUS_MODEL").asText()).isEqualTo("claude-opus-ccr");
            assertThat(env.path("ANTHROPIC_DEFAULT_SONNET_MODEL").asText()).isEqualTo("claude-sonnet-ccr");
            assertThat(env.path("ANTHROPIC_DEFAULT_SONNET_MODEL_NAME").asText()).isEqualTo("deepseek-chat via ccr");
            assertThat(env.path("ANTHROPIC_DEFAULT_SONNET_MODEL_DESCRIPTION").asText())
                    .isEqualTo("ds,deepseek-chat (Router.default) · 131K context · 8K output");
            assertThat(env.path("ANTHROPIC_DEFAULT_HAIKU_MODEL").asText()).isEqualTo("claude-haiku-ccr");
            assertThat(env.path("ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME").asText()).isEqualTo("small via ccr");
            assertThat(env.path("ANTHROPIC_DEFAULT_HAIKU_MODEL_DESCRIPTION").asText()).isEqualTo("local,small (Router.background)");
            assertThat(env.path("CLAUDE_CODE_AUTO_COMPACT_WINDOW").asText()).isEqualTo("131072");
            assertThat(claude.env()).containsEntry("CLAUDE_CODE_AUTO_COMPACT_WINDOW", "131072");
        }
    }

    @Test
    void withFamilyRoutingEachSlotIsItsFamilysDefault() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("""
                    {"PORT":%d,%s,"Router":{"default":"local,small","enableFamilyRouting":true,
                     "families":{"opus":{"default":"ds,deepseek-reasoner"},"sonnet":{"default":"ds,deepseek-chat"}}}}"""
                    .formatted(CliTestHome.freePort(), PROVIDERS));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            assertThat(home.run("code").code()).isZero();

            JsonNode env = claude.settings().path("env");
            assertThat(env.path("ANTHROPIC_DEFAULT_OPUS_MODEL_NAME").asText()).isEqualTo("deepseek-reasoner via ccr");
            assertThat(env.path("ANTHROPIC_DEFAULT_OPUS_MODEL_DESCRIPTION").asText()).startsWith("ds,deepseek-reasoner (Router.families.opus.default)");
            assertThat(env.path("ANTHROPIC_DEFAULT_SONNET_MODEL_NAME").asText()).isEqualTo("deepseek-chat via ccr");
            assertThat(env.path("ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME").asText()).isEqualTo("small via ccr");
            // small has no known window; opus and sonnet both have 131072.
            assertThat(env.path("CLAUDE_CODE_AUTO_COMPACT_WINDOW").asText()).isEqualTo("131072");
        }
    }

    @Test
    void theUsersOwnVariablesWinAndNothingIsSetWithoutRoutes() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,%s,\"Router\":{\"default\":\"ds,deepseek-chat\"}}".formatted(CliTestHome.freePort(), PROVIDERS));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());
            home.env("ANTHROPIC_DEFAULT_SONNET_MODEL", "my-own");
            home.env("CLAUDE_CODE_AUTO_COMPACT_WINDOW", "90000");

            assertThat(home.run("code").code()).isZero();

            JsonNode env = claude.settings().path("env");
            assertThat(env.has("ANTHROPIC_DEFAULT_SONNET_MODEL")).isFalse();
            assertThat(env.has("ANTHROPIC_DEFAULT_SONNET_MODEL_NAME")).isFalse();
            assertThat(env.has("CLAUDE_CODE_AUTO_COMPACT_WINDOW")).isFalse();
            assertThat(claude.env()).containsEntry("ANTHROPIC_DEFAULT_SONNET_MODEL", "my-own")
                    .containsEntry("CLAUDE_CODE_AUTO_COMPACT_WINDOW", "90000");
            assertThat(env.path("ANTHROPIC_DEFAULT_OPUS_MODEL").asText()).isEqualTo("claude-opus-ccr");
        }
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(CliTestHome.freePort()));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            assertThat(home.run("code").code()).isZero();

            assertThat(claude.settings().path("env").properties()).noneMatch(e -> e.getKey().startsWith("ANTHROPIC_DEFAULT_")
                    || e.getKey().equals("CLAUDE_CODE_AUTO_COMPACT_WINDOW"));
        }
    }
}
