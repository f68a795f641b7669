package dev.ccr.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiLaunchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEFAULTS = Path.of("/home/u/.claude-code-router/gemini-system-defaults.json");

    @TempDir
    Path home;

    @Test
    void geminiCliIsPointedAtTheRouterThroughItsEnvironmentOnly() throws Exception {
        GeminiLaunch launch = GeminiLaunch.of(JSON.readTree("{\"APIKEY\": \"router-secret\"}"), Map.of("NO_PROXY", "corp"),
                41234, List.of("-p", "hi", "--", "--help"), DEFAULTS);

        assertThat(launch.command()).containsExactly("gemini", "-p", "hi", "--", "--help");
        assertThat(launch.environment())
                .containsEntry("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:41234")
                .containsEntry("GEMINI_API_KEY", "router-secret")
                .containsEntry("GEMINI_DEFAULT_AUTH_TYPE", "gemini-api-key")
                .containsEntry("GEMINI_CLI_SYSTEM_DEFAULTS_PATH", DEFAULTS.toString())
                .containsEntry("NO_PROXY", "corp,127.0.0.1");
        assertThat(String.join(" ", launch.command())).doesNotContain("router-secret");
    }

    /**
     * Gemini CLI 0.61 takes {@code GOOGLE_GEMINI_BASE_URL} for its "gateway" sign-in and then refuses it ("Invalid auth
     * method selected.") unless a settings file names a sign-in: ccr's system defaults name the API key.
     */
    @Test
    void theSystemDefaultsFileChoosesTheApiKeySignInAndOnlyItsOwnerReadsIt() throws Exception {
        Path file = home.resolve("gemini-system-defaults.json");
        Files.writeString(file, "stale");

        GeminiLaunch.writeSystemDefaults(file);

        assertThat(JSON.readTree(file.toFile()).at("/security/auth/selectedType").asText()).isEqualTo("gemini-api-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theSwitchesToVertexAndCodeAssistAreRemovedForTheRun() throws Exception {
        GeminiLaunch launch = GeminiLaunch.of(JSON.readTree("{}"), Map.of(), 3456, List.of(), DEFAULTS);

        assertThat(launch.unset()).containsExactlyInAnyOrder("GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA");
        assertThat(launch.environment()).containsEntry("GEMINI_API_KEY", "test");
    }

    @Test
    void geminiPathComesFromTheConfigThenTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("GEMINI_PATH", "/opt/env/gemini");

        assertThat(GeminiLaunch.of(JSON.readTree("{\"GEMINI_PATH\": \"/opt/config/gemini\"}"), env, 1, List.of(), DEFAULTS).command())
                .containsExactly("/opt/config/gemini");
        assertThat(GeminiLaunch.of(JSON.readTree("{}"), env, 1, List.of(), DEFAULTS).command()).containsExactly("/opt/env/gemini");
    }
}
