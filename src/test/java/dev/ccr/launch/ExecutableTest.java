package dev.ccr.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBareNameIsFoundOnTheClientsPathNotOnCcrs(@TempDir Path dir) throws Exception {
        Path gemini = Files.createFile(dir.resolve("gemini"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(Executable.resolve(JSON.readTree("{}"), Map.of("PATH", "/nowhere:" + dir), "GEMINI_PATH", "gemini"))
                .containsExactly(gemini.toString());
        assertThat(Executable.resolve(JSON.readTree("{}"), Map.of("PATH", "/nowhere"), "GEMINI_PATH", "gemini"))
                .containsExactly("gemini");
    }

    @Test
    void aSettingWithSpacesThatNamesNoFileIsSplitIntoWords() throws Exception {
        assertThat(Executable.resolve(JSON.readTree("{\"OPENCODE_PATH\": \"/opt/npx  opencode-ai\"}"), Map.of(),
                "OPENCODE_PATH", "opencode")).containsExactly("/opt/npx", "opencode-ai");
    }

    @Test
    void aPathWithSpacesThatExistsIsKeptWhole(@TempDir Path dir) throws Exception {
        Path codex = Files.createFile(dir.resolve("my codex"));

        assertThat(Executable.resolve(JSON.readTree("{}"), Map.of("CODEX_PATH", codex.toString()), "CODEX_PATH", "codex"))
                .containsExactly(codex.toString());
    }
}
