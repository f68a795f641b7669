package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenCodeLaunchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CONFIG = """
            {"APIKEY": "router-secret",
             "Providers": [{"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions",
                            "api_key": "sk-upstream", "models": ["deepseek-chat", "deepseek-reasoner"]}]}
            """;

    @Test
    void openCodeGetsAProviderForTheRouterInItsInlineConfigForThisRunOnly() throws Exception {
        OpenCodeLaunch launch = OpenCodeLaunch.of(JSON.readTree(CONFIG), Map.of(), 41234, List.of("run", "fix it"));

        assertThat(launch.command()).containsExactly("opencode", "run", "fix it");
        JsonNode inline = JSON.readTree(launch.environment().get("OPENCODE_CONFIG_CONTENT"));
        JsonNode ccr = inline.path("provider").path("ccr");
        assertThat(ccr.path("npm").asText()).isEqualTo("@ai-sdk/openai-compatible");
        assertThat(ccr.path("options").path("baseURL").asText()).isEqualTo("http://127.0.0.1:41234/v1");
        assertThat(ccr.path("options").path("apiKey").asText()).isEqualTo("router-secret");
        assertThat(inline.path("model").asText()).isEqualTo("ccr/router");
        assertThat(inline.path("small_model").asText()).isEqualTo("ccr/router");
        assertThat(launch.environment()).containsEntry("NO_PROXY", "127.0.0.1");
    }

    @Test
    void everyConfiguredModelCanBePickedAndNoUpstreamKeyLeaves() throws Exception {
        OpenCodeLaunch launch = OpenCodeLaunch.of(JSON.readTree(CONFIG), Map.of(), 3456, List.of());

        String inline = launch.environment().get("OPENCODE_CONFIG_CONTENT");
        assertThat(JSON.readTree(inline).path("provider").path("ccr").path("models").properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("router", "deepseek,deepseek-chat", "deepseek,deepseek-reasoner");
        assertThat(inline).doesNotContain("sk-upstream");
        assertThat(String.join(" ", launch.command())).doesNotContain("router-secret");
    }
}
