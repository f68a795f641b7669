package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CodexLaunchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode config(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void codexIsPointedAtTheRoutersResponsesEndpointForThisRunOnly() throws Exception {
        CodexLaunch launch = CodexLaunch.of(config("{}"), Map.of(), 41234, List.of());

        assertThat(launch.command()).containsExactly("codex",
                "-c", "model_provider=\"ccr\"",
                "-c", "model=\"router\"",
                "-c", "model_providers.ccr.name=\"claude-code-router\"",
                "-c", "model_providers.ccr.base_url=\"http://127.0.0.1:41234/v1\"",
                "-c", "model_providers.ccr.wire_api=\"responses\"",
                "-c", "model_providers.ccr.env_key=\"CCR_API_KEY\"");
        assertThat(launch.environment()).containsEntry("CCR_API_KEY", "test").containsEntry("NO_PROXY", "127.0.0.1");
    }

    @Test
    void theUsersArgumentsFollowUnchangedSoTheirOwnOverridesWin() throws Exception {
        List<String> args = List.of("exec", "-c", "model_provider=\"openai\"", "--", "fix the \"failing\" test");

        CodexLaunch launch = CodexLaunch.of(config("{}"), Map.of(), 3456, args);

        assertThat(launch.command().subList(launch.command().size() - args.size(), launch.command().size())).isEqualTo(args);
        assertThat(launch.command().indexOf("model_provider=\"ccr\"")).isLessThan(launch.command().indexOf("model_provider=\"openai\""));
    }

    /**
     * Codex 0.171's default model gets the "responses-lite" request, whose tools only OpenAI's models can use (the
     * captured request in {@code clients/codex-responses-lite.json}); a model name Codex does not know gets plain
     * function tools, so ccr names one for the run, and the user's {@code -m} after it still wins.
     */
    @Test
    void codexIsGivenAModelItDoesNotKnowSoItSendsPlainFunctionTools() throws Exception {
        CodexLaunch launch = CodexLaunch.of(config("{}"), Map.of(), 3456, List.of("exec", "-m", "deepseek,deepseek-chat", "hi"));

        assertThat(launch.command()).containsSequence("-c", "model=\"router\"");
        assertThat(launch.command().indexOf("model=\"router\"")).isLessThan(launch.command().indexOf("deepseek,deepseek-chat"));
    }

    @Test
    void theRoutersKeyTravelsInTheEnvironmentNeverOnTheCommandLine() throws Exception {
        CodexLaunch launch = CodexLaunch.of(config("{\"APIKEY\": \"router-secret\"}"), Map.of(), 3456, List.of());

        assertThat(launch.environment()).containsEntry("CCR_API_KEY", "router-secret");
        assertThat(String.join(" ", launch.command())).doesNotContain("router-secret");
    }

    @Test
    void codexPathComesFromTheConfigThenTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("CODEX_PATH", "/opt/env/codex");

        assertThat(CodexLaunch.of(config("{\"CODEX_PATH\": \"/opt/config/codex\"}"), env, 1, List.of()).command().getFirst())
                .isEqualTo("/opt/config/codex");
        assertThat(CodexLaunch.of(config("{}"), env, 1, List.of()).command().getFirst()).isEqualTo("/opt/env/codex");
    }
}
