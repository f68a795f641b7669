package dev.ccr.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiLaunchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void geminiCliIsPointedAtTheRouterThroughItsEnvironmentOnly() throws Exception {
        GeminiLaunch launch = GeminiLaunch.of(JSON.readTree("{\"APIKEY\": \"router-secret\"}"), Map.of("NO_PROXY", "corp"),
                41234, List.of("-p", "hi", "--", "--help"));

        assertThat(launch.command()).containsExactly("gemini", "-p", "hi", "--", "--help");
        assertThat(launch.environment())
                .containsEntry("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:41234")
                .containsEntry("GEMINI_API_KEY", "router-secret")
                .containsEntry("GEMINI_DEFAULT_AUTH_TYPE", "gemini-api-key")
                .containsEntry("NO_PROXY", "corp,127.0.0.1");
        assertThat(String.join(" ", launch.command())).doesNotContain("router-secret");
    }

    @Test
    void theSwitchesToVertexAndCodeAssistAreRemovedForTheRun() throws Exception {
        GeminiLaunch launch = GeminiLaunch.of(JSON.readTree("{}"), Map.of(), 3456, List.of());

        assertThat(launch.unset()).containsExactlyInAnyOrder("GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA");
        assertThat(launch.environment()).containsEntry("GEMINI_API_KEY", "test");
    }

    @Test
    void geminiPathComesFromTheConfigThenTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("GEMINI_PATH", "/opt/env/gemini");

        assertThat(GeminiLaunch.of(JSON.readTree("{\"GEMINI_PATH\": \"/opt/config/gemini\"}"), env, 1, List.of()).command())
                .containsExactly("/opt/config/gemini");
        assertThat(GeminiLaunch.of(JSON.readTree("{}"), env, 1, List.of()).command()).containsExactly("/opt/env/gemini");
    }
}
