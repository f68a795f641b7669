package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code vercel}: like {@code openrouter}. */
class VercelTransformerTest {
    private static final String BODY = "{\"model\":\"openai/gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";

    @Test
    void optionsAreMergedAndCacheControlStrippedForNonClaudeModels() throws Exception {
        JsonNode out = Chains.run("vercel", "{\"providerOptions\":{\"gateway\":{\"order\":[\"bedrock\"]}}}", BODY,
                "application/json", "{}").sent().body();
        assertThat(out.at("/providerOptions/gateway/order/0").asText()).isEqualTo("bedrock");
        assertThat(out.at("/messages/0/content/0").has("cache_control")).isFalse();

        JsonNode claude = Chains.run("vercel", null, BODY.replace("openai/gpt-5", "anthropic/claude-sonnet-4"),
                "application/json", "{}").sent().body();
        assertThat(claude.at("/messages/0/content/0").has("cache_control")).isTrue();
    }
}
