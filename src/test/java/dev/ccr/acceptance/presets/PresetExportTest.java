package dev.ccr.acceptance.presets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.cli.CliTestHome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ccr preset export foo} writes {@code presets/foo/manifest.json} with {@code name:"foo"},
 * {@code version:"1.0.0"}, secrets replaced by placeholders and existing {@code $VAR}/{@code ${VAR}} placeholders kept.
 *
 * <p>Deliberate difference (docs/compatibility.md): CCR names every provider key {@code ${CONFIG_API_KEY}}, so two
 * providers' keys collapse into one variable; ccr names them per provider, {@code ${<PROVIDER>_API_KEY}}. Top-level
 * secrets keep CCR's {@code ${CONFIG_<KEY>}}.
 */
@Tag("ccr-11.73")
class PresetExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exportReplacesSecretsWithPlaceholdersAndKeepsExistingOnes() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("""
                    {
                      // JSON5 is fine
                      "APIKEY": "my-router-secret",
                      "PORT": 3456,
                      "Providers": [
                        {"name": "p", "api_base_url": "https://p.example/v1/chat/completions", "api_key": "sk-literal", "models": ["m", "m2"]},
                        {"name": "open-router", "api_base_url": "https://openrouter.ai/api/v1/chat/completions", "api_key": "sk-other", "models": ["x"],
                         "transformer": {"use": [["openrouter", {"provider": {"only": ["a"]}}]]}},
                        {"name": "env", "api_base_url": "https://e.example/v1", "api_key": "$UNSET_KEY_FOR_TEST", "models": ["e"]},
                        {"name": "braced", "api_base_url": "https://b.example/v1", "api_key": "${ALSO_UNSET}", "models": ["b"]},
                        {"name": "local", "api_base_url": "http://localhost:11434/v1/chat/completions", "api_key": "", "models": ["l"]},
                      ],
                      "Router": {"default": "p,m", "think": "p,m2"},
                    }""");

            CliTestHome.Result result = home.run("preset", "export", "foo", "--description", "d", "--author", "me", "--tags", "a, b");

            assertThat(result.code()).as(result.toString()).isZero();
            JsonNode manifest = JSON.readTree(Files.readString(home.presets().resolve("foo").resolve("manifest.json")));
            assertThat(manifest.path("name").asText()).isEqualTo("foo");
            assertThat(manifest.path("version").asText()).isEqualTo("1.0.0");
            assertThat(manifest.path("description").asText()).isEqualTo("d");
            assertThat(manifest.path("author").asText()).isEqualTo("me");
            assertThat(manifest.path("keywords").toString()).isEqualTo("[\"a\",\"b\"]");
            assertThat(manifest.path("APIKEY").asText()).isEqualTo("${CONFIG_APIKEY}");
            JsonNode providers = manifest.path("Providers");
            assertThat(providers.get(0).path("api_key").asText()).isEqualTo("${P_API_KEY}");
            assertThat(providers.get(1).path("api_key").asText()).isEqualTo("${OPEN_ROUTER_API_KEY}");
            assertThat(providers.get(2).path("api_key").asText()).isEqualTo("$UNSET_KEY_FOR_TEST");
            assertThat(providers.get(3).path("api_key").asText()).isEqualTo("${ALSO_UNSET}");
            assertThat(providers.get(4).path("api_key").asText()).as("an empty key is no secret").isEmpty();
            assertThat(providers.get(1).path("transformer").toString()).isEqualTo("{\"use\":[[\"openrouter\",{\"provider\":{\"only\":[\"a\"]}}]]}");
            assertThat(manifest.path("Router").path("think").asText()).isEqualTo("p,m2");
            assertThat(Files.readString(home.presets().resolve("foo").resolve("manifest.json"))).doesNotContain("sk-literal", "sk-other", "my-router-secret");
            assertThat(result.out()).contains("Sensitive fields sanitized: 3", "Providers[0].api_key → ${P_API_KEY}",
                    "P_API_KEY", "OPEN_ROUTER_API_KEY", "UNSET_KEY_FOR_TEST");
        }
    }

    @Test
    void anExistingPresetIsNotOverwritten() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{}")) {
            assertThat(home.run("preset", "export", "foo").code()).isZero();
            CliTestHome.Result again = home.run("preset", "export", "foo");
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("already exists");
        }
    }

    @Test
    void outputAndIncludeSensitiveWork() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{\"APIKEY\":\"keep-me\"}")) {
            CliTestHome.Result result = home.run("preset", "export", "mine", "--include-sensitive", "--output", home.dir().resolve("out").toString());
            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(JSON.readTree(Files.readString(home.dir().resolve("out").resolve("manifest.json"))).path("APIKEY").asText()).isEqualTo("keep-me");
            assertThat(home.presets().resolve("mine")).doesNotExist();
        }
    }
}
