package dev.ccr.preset;

import dev.ccr.config.Config;
import dev.ccr.config.ConfigParser;
import dev.ccr.config.Json5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresetLaunchTest {
    @TempDir
    Path presets;

    @Test
    void aPresetServedByTheRouterTalksThroughItsNamespaceAndOverridesNothing() throws Exception {
        PresetLaunch launch = PresetLaunch.of(preset("routed", """
                {"Providers": [{"name": "p", "api_base_url": "https://p.example.com/v1/chat/completions", "api_key": "k",
                  "models": ["m"]}], "Router": {"default": "p,m"}}"""), Map.of(), main());

        assertThat(launch.noServer()).isFalse();
        assertThat(launch.namespace()).contains("/preset/routed");
        assertThat(launch.envOverrides()).isEmpty();
    }

    @Test
    void aNoServerPresetSendsClaudeCodeToItsFirstProviderWithTheKeyFromTheEnvironment() throws Exception {
        PresetLaunch launch = PresetLaunch.of(preset("direct", """
                {"noServer": true, "StatusLine": {"enabled": true},
                 "Providers": [{"name": "p", "api_base_url": "https://api.example.com/v1/messages", "api_key": "$KEY"}]}"""),
                Map.of("KEY", "dk"), main());

        assertThat(launch.namespace()).isEmpty();
        assertThat(launch.envOverrides()).containsExactlyInAnyOrderEntriesOf(
                Map.of("ANTHROPIC_BASE_URL", "https://api.example.com", "ANTHROPIC_AUTH_TOKEN", "dk"));
        assertThat(launch.statusLine()).isPresent();
    }

    @Test
    void aNoServerPresetNamingAProviderUsesTheMainConfigsProviderOfThatName() throws Exception {
        PresetLaunch launch = PresetLaunch.of(preset("named", """
                {"noServer": true, "provider": "shared"}"""), Map.of(), main());

        assertThat(launch.envOverrides()).containsEntry("ANTHROPIC_BASE_URL", "https://shared.example.com")
                .containsEntry("ANTHROPIC_AUTH_TOKEN", "sk");
    }

    @Test
    void aPresetThatIsNotInstalledOrLacksInputsIsNotRunnableAndTheMessageSaysWhatToRun() throws Exception {
        Presets store = new Presets(presets);
        assertThatThrownBy(() -> PresetLaunch.runnable(store, "absent"))
                .isInstanceOf(PresetException.class).hasMessage("Preset 'absent' is not installed (see ccr preset list).");

        Files.createDirectories(presets.resolve("asks"));
        Files.writeString(presets.resolve("asks").resolve(Presets.MANIFEST), """
                {"name": "asks", "schema": [{"id": "apiKey", "type": "password", "label": "API key"}],
                 "Providers": [{"name": "p", "api_base_url": "https://p.example.com", "api_key": "#{apiKey}"}]}""",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PresetLaunch.runnable(store, "asks"))
                .isInstanceOf(PresetException.class).hasMessageContaining("first: run ccr preset install asks");
    }

    private static Config main() throws Exception {
        return ConfigParser.parse(Json5.parse("""
                {"Providers": [{"name": "shared", "api_base_url": "https://shared.example.com/", "api_key": "sk",
                  "models": ["m"]}]}"""), Map.of());
    }

    private PresetManifest preset(String name, String manifest) throws Exception {
        Path dir = presets.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(Presets.MANIFEST), manifest, StandardCharsets.UTF_8);
        return Presets.read(name, dir);
    }
}
