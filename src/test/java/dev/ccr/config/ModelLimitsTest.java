package dev.ccr.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A provider's and a model's output cap and context window: ccr's figures, the config's, and {@code [1m]}. */
class ModelLimitsTest {
    private static Provider provider(String json) throws Exception {
        return ConfigParser.parse(Json5.parse("{Providers: [" + json + "]}"), Map.of()).providers().getFirst();
    }

    private static long output(ModelLimits limits) {
        return limits.maxOutputTokens().orElseThrow().tokens();
    }

    private static long window(ModelLimits limits) {
        return limits.contextWindow().orElseThrow().tokens();
    }

    /* --------------- ccr's figures --------------- */

    @Test
    void wellKnownModelsHaveCcrsFiguresWhereverTheyAreServed() {
        assertThat(output(KnownModels.of("deepseek-chat"))).isEqualTo(8_192);
        assertThat(window(KnownModels.of("deepseek-chat"))).isEqualTo(131_072);
        assertThat(output(KnownModels.of("deepseek-reasoner"))).isEqualTo(65_536);
        // OpenRouter's spelling: the part after the last slash, before ":free".
        assertThat(output(KnownModels.of("deepseek/deepseek-chat:free"))).isEqualTo(8_192);
        assertThat(window(KnownModels.of("qwen3-coder-plus"))).isEqualTo(1_000_000);
        assertThat(window(KnownModels.of("glm-4.6"))).isEqualTo(200_000);
        assertThat(output(KnownModels.of("glm-4.5-air"))).isEqualTo(96_000);
        assertThat(window(KnownModels.of("kimi-k2-0905-preview"))).isEqualTo(256_000);
        assertThat(KnownModels.of("kimi-k2-0905-preview").maxOutputTokens()).isEmpty();
        assertThat(window(KnownModels.of("moonshot-v1-32k"))).isEqualTo(32_000);
        assertThat(output(KnownModels.of("gemini-2.5-pro"))).isEqualTo(65_536);
        assertThat(output(KnownModels.of("gpt-5-chat-latest"))).isEqualTo(16_384);
        assertThat(window(KnownModels.of("gpt-5-codex"))).isEqualTo(400_000);
        assertThat(output(KnownModels.of("GPT-4o-mini"))).isEqualTo(16_384);
        assertThat(KnownModels.of("deepseek-chat").contextWindow().orElseThrow().source()).contains("api-docs.deepseek.com");
    }

    @Test
    void claudeAndUnknownModelsHaveNoFigures() {
        assertThat(KnownModels.of("claude-sonnet-4-5").isUnknown()).isTrue();
        assertThat(KnownModels.of("my-local-model").isUnknown()).isTrue();
    }

    /* --------------- The config's figures --------------- */

    @Test
    void theModelsOwnLimitsBeatTheProvidersWhichBeatCcrsFigures() throws Exception {
        Provider p = provider("""
                {name: "ds", api_base_url: "https://api.deepseek.com/chat/completions", api_key: "k",
                 models: ["deepseek-chat", "deepseek-reasoner", "local"],
                 limits: {contextWindow: 64000, models: {"deepseek-reasoner": {maxOutputTokens: 32000}}}}""");

        ModelLimits chat = p.limitsOf("deepseek-chat");
        assertThat(output(chat)).isEqualTo(8_192);
        assertThat(window(chat)).isEqualTo(64_000);
        assertThat(chat.contextWindow().orElseThrow().source()).isEqualTo("configured at Providers[0].limits.contextWindow");
        ModelLimits reasoner = p.limitsOf("DeepSeek-Reasoner");
        assertThat(output(reasoner)).isEqualTo(32_000);
        assertThat(reasoner.maxOutputTokens().orElseThrow().source())
                .isEqualTo("configured at Providers[0].limits.models.deepseek-reasoner.maxOutputTokens");
        assertThat(p.limitsOf("local").maxOutputTokens()).isEmpty();
        assertThat(window(p.limitsOf("local"))).isEqualTo(64_000);
    }

    @Test
    void aModelNamedWithOneMAsksForAMillionTokenWindow() throws Exception {
        Provider p = provider("""
                {name: "or", api_base_url: "https://openrouter.ai/api/v1/chat/completions", api_key: "k",
                 models: ["anthropic/claude-sonnet-4.5", "deepseek-chat"]}""");

        assertThat(window(p.limitsOf("anthropic/claude-sonnet-4.5[1m]"))).isEqualTo(1_000_000);
        assertThat(p.limitsOf("anthropic/claude-sonnet-4.5").isUnknown()).isTrue();
        // The suffix asks for the window; the model's output cap is still its own.
        assertThat(output(p.limitsOf("deepseek-chat[1m]"))).isEqualTo(8_192);
        assertThat(ModelLimits.withoutExtendedSuffix("claude-opus-4-8[1M]")).isEqualTo("claude-opus-4-8");
    }

    @Test
    void badLimitsAreReportedWithTheirPathAndARemedy() {
        assertThatThrownBy(() -> provider("""
                {name: "p", api_base_url: "http://127.0.0.1:9/v1", api_key: "k", models: ["m"],
                 limits: {maxOutputTokens: -5, contextWindow: "lots", maxTokens: 5, models: {m: {contextWindow: 1.5}}}}"""))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                            "Providers[0].limits.maxOutputTokens", "Providers[0].limits.contextWindow",
                            "Providers[0].limits.maxTokens", "Providers[0].limits.models.m.contextWindow");
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.remedy()).isNotBlank());
                });
    }

    @Test
    void limitsForAModelTheProviderDoesNotServeAreAWarning() throws Exception {
        Config config = ConfigParser.parse(Json5.parse("""
                {Providers: [{name: "p", api_base_url: "http://127.0.0.1:9/v1", api_key: "k", models: ["m"],
                  limits: {models: {"typo": {maxOutputTokens: 100}}}}]}"""), Map.of());
        assertThat(config.warnings()).anySatisfy(w -> {
            assertThat(w.path()).isEqualTo("Providers[0].limits.models.typo");
            assertThat(w.remedy()).contains("m");
        });
    }
}
