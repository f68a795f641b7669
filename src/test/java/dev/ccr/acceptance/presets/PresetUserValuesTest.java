package dev.ccr.acceptance.presets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.preset.PresetManifest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manifest with {@code schema:[{id:"apiKey"}]}, {@code Providers[0].api_key:"#{apiKey}"} and
 * {@code userValues:{apiKey:"k"}} resolves to {@code api_key:"k"} with no top-level {@code apiKey} key.
 */
@Tag("ccr-11.74")
class PresetUserValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void userValuesFillHashPlaceholdersAndSchemaIdsAreRemoved() throws Exception {
        PresetManifest manifest = manifest("""
                {"name": "kimi", "version": "1.0.0", "schema": [{"id": "apiKey"}],
                 "apiKey": "#{apiKey}",
                 "Providers": [{"name": "kimi", "api_base_url": "https://api.moonshot.cn/v1/chat/completions",
                                "api_key": "#{apiKey}", "models": ["kimi-k2"]}],
                 "Router": {"default": "kimi,kimi-k2"},
                 "userValues": {"apiKey": "k"}}""");

        ObjectNode config = manifest.resolvedConfig();

        assertThat(config.at("/Providers/0/api_key").asText()).isEqualTo("k");
        assertThat(config.has("apiKey")).isFalse();
        assertThat(config.has("name")).isFalse();
        assertThat(config.has("userValues")).isFalse();
        assertThat(config.has("schema")).isFalse();
        assertThat(config.at("/Router/default").asText()).isEqualTo("kimi,kimi-k2");
    }

    @Test
    void withoutUserValuesTheConfigIsUsedAsWritten() throws Exception {
        PresetManifest manifest = manifest("""
                {"name": "x", "schema": [{"id": "apiKey"}], "Providers": [{"api_key": "#{apiKey}"}]}""");
        assertThat(manifest.resolvedConfig().at("/Providers/0/api_key").asText()).isEqualTo("#{apiKey}");
        assertThat(manifest.missingInputs()).containsExactly("apiKey");
    }

    @Test
    void templatesConfigMappingsAndPathKeysApplyInCcrsOrder() throws Exception {
        PresetManifest manifest = manifest("""
                {"schema": [{"id": "provider", "type": "select"}, {"id": "model"}, {"id": "max", "type": "number"}],
                 "template": {"Providers": [{"name": "#{provider}", "api_key": "#{missing}", "models": ["#{model}"]}],
                              "Router": {"default": "#{provider},#{model}"}, "limit": "#{max}"},
                 "configMappings": [{"target": "Providers[0].api_base_url", "value": "https://x.example/v1"},
                                    {"target": "Router.think", "value": "#{model}", "when": {"field": "provider", "operator": "eq", "value": "a"}},
                                    {"target": "Router.background", "value": "never", "when": {"field": "provider", "value": "b"}}],
                 "transformers": [{"path": "plugins/t.js"}],
                 "userValues": {"provider": "a", "model": "m1", "max": 100, "Providers[0].extra": true}}""");

        JsonNode config = manifest.resolvedConfig();

        assertThat(config.at("/Providers/0/name").asText()).isEqualTo("a");
        assertThat(config.at("/Providers/0/api_key").asText()).as("unknown variables become empty, as in CCR").isEmpty();
        assertThat(config.at("/Providers/0/models/0").asText()).isEqualTo("m1");
        assertThat(config.at("/Providers/0/api_base_url").asText()).isEqualTo("https://x.example/v1");
        assertThat(config.at("/Providers/0/extra").asBoolean()).isTrue();
        assertThat(config.at("/Router/default").asText()).isEqualTo("a,m1");
        assertThat(config.at("/Router/think").asText()).isEqualTo("m1");
        assertThat(config.at("/Router").has("background")).isFalse();
        assertThat(config.at("/limit").isNumber()).as("a whole-string placeholder keeps the value's type").isTrue();
        assertThat(config.has("transformers")).as("the template replaces the config section").isFalse();
    }

    @Test
    void relativeScriptAndTransformerPathsBecomeAbsoluteUnderThePresetFolder() throws Exception {
        PresetManifest manifest = manifest("""
                {"transformers": [{"path": "plugins/t.js"}, {"path": "/abs/u.js"}],
                 "StatusLine": {"default": {"modules": [{"type": "script", "scriptPath": "status.js"}]}}}""");
        JsonNode config = manifest.resolvedConfig();
        assertThat(config.at("/transformers/0/path").asText()).isEqualTo("/presets/demo/plugins/t.js");
        assertThat(config.at("/transformers/1/path").asText()).isEqualTo("/abs/u.js");
        assertThat(config.at("/StatusLine/default/modules/0/scriptPath").asText()).isEqualTo("/presets/demo/status.js");
    }

    private static PresetManifest manifest(String json) throws Exception {
        return new PresetManifest("demo", Path.of("/presets/demo"), (ObjectNode) JSON.readTree(json));
    }
}
