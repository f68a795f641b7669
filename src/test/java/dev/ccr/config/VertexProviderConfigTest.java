package dev.ccr.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CCR user's Vertex providers, as CCR and its llms library take them, load unchanged. (CCR drops a provider whose
 * {@code api_key} is empty, so its users put a placeholder there; the Vertex transformers replace it with a token.)
 */
class VertexProviderConfigTest {
    @Test
    void ccrStyleVertexProvidersLoadWithTheirTransformersAndOptions() throws Exception {
        Config config = ConfigParser.parse(Json5.parse("""
                {
                  "Providers": [
                    {"name": "vertex-gemini", "api_base_url": "https://us-central1-aiplatform.googleapis.com",
                     "api_key": "unused", "models": ["gemini-2.5-pro", "gemini-2.5-flash"],
                     "transformer": {"use": ["vertex-gemini"]}},
                    {"name": "vertex-claude", "api_base_url": "https://us-east5-aiplatform.googleapis.com",
                     "api_key": "unused", "models": ["claude-sonnet-4-5@20250929"],
                     "transformer": {"use": ["vertex-claude"]}},
                    {"name": "vertex-openai",
                     "api_base_url": "https://us-central1-aiplatform.googleapis.com/v1beta1/projects/my-project/locations/us-central1/endpoints/openapi/chat/completions",
                     "api_key": "unused", "models": ["google/gemini-2.5-pro"],
                     "transformer": {"use": [["vertex-openai", {"client_email": "sa@my-project.iam.gserviceaccount.com",
                                                                "private_key": "$VERTEX_PRIVATE_KEY"}]]}}
                  ],
                  "Router": {"default": "vertex-gemini,gemini-2.5-pro", "think": "vertex-claude,claude-sonnet-4-5@20250929"}
                }"""), Map.of("VERTEX_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----\\n"));

        assertThat(config.warnings()).isEmpty();
        assertThat(config.providers()).extracting(Provider::name).containsExactly("vertex-gemini", "vertex-claude", "vertex-openai");
        assertThat(config.providers().get(0).transformer().use()).extracting(TransformerRef::name).containsExactly("vertex-gemini");
        assertThat(config.providers().get(1).transformer().use()).extracting(TransformerRef::name).containsExactly("vertex-claude");
        TransformerRef openai = config.providers().get(2).transformer().use().getFirst();
        assertThat(openai.name()).isEqualTo("vertex-openai");
        assertThat(openai.options().get("client_email").asText()).isEqualTo("sa@my-project.iam.gserviceaccount.com");
        assertThat(openai.options().get("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(config.providers()).noneMatch(p -> p.transformer().passesThrough(p.models().getFirst()));
    }

    @Test
    void aVertexProviderNeedsNoApiKeyButAnyOtherIsStillWarnedAbout() throws Exception {
        Config config = ConfigParser.parse(Json5.parse("""
                {"Providers": [
                   {"name": "vg", "api_base_url": "https://us-central1-aiplatform.googleapis.com", "models": ["gemini-2.5-pro"],
                    "transformer": {"use": ["vertex-gemini"]}},
                   {"name": "plain", "api_base_url": "https://api.example.com/v1/chat/completions", "models": ["m"]}]}"""),
                Map.of());

        assertThat(config.warnings()).extracting(ConfigProblem::path).containsExactly("Providers[1].api_key");
    }
}
