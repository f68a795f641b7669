package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.testing.GoogleTestKey;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderInfo;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformContext;
import dev.ccr.transform.TransformerChain;
import dev.ccr.transform.TransformerException;
import dev.ccr.transform.TransformerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the Vertex transformers send a call and with which key: options first, then the environment CCR reads. */
class VertexSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI GOOGLE = URI.create("https://us-central1-aiplatform.googleapis.com");

    @TempDir
    Path dir;
    private final GoogleTestKey key = new GoogleTestKey();

    @AfterEach
    void stop() {
        key.close();
    }

    /** Runs {@code name} from a registry that sees {@code env}; returns the request that would reach Vertex. */
    private static ProviderRequest sent(String name, String options, Map<String, String> env, URI base, String model)
            throws Exception {
        TransformerRegistry registry = new TransformerRegistry();
        Builtins.registerAll(registry, env::get);
        JsonNode opts = options == null ? MissingNode.getInstance() : JSON.readTree(options);
        AtomicReference<ProviderRequest> captured = new AtomicReference<>();
        TransformerChain.run(List.of(registry.create(name, opts).orElseThrow()),
                new ProviderRequest(base, HeaderList.EMPTY.with("Authorization", "Bearer provider-key"),
                        (ObjectNode) JSON.readTree("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                        Duration.ofSeconds(5)),
                new TransformContext(new ProviderInfo("v", base, "provider-key", List.of(model)), model, "default",
                        (ObjectNode) JSON.readTree("{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                        Map.of()),
                r -> {
                    captured.set(r);
                    return new ProviderResponse(200, HeaderList.EMPTY.with("Content-Type", "application/json"),
                            new ByteArrayInputStream("{}".getBytes()));
                });
        return captured.get();
    }

    @Test
    void withoutOptionsTheKeyProjectAndLocationComeFromTheEnvironmentAsInCcr() throws Exception {
        Path file = key.writeKeyFile(dir, false);
        ProviderRequest sent = sent("vertex-gemini", null, Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString(),
                "GOOGLE_CLOUD_PROJECT", "env-project", "GOOGLE_CLOUD_LOCATION", "europe-west1"), GOOGLE, "gemini-2.5-pro");

        assertThat(sent.url().toString()).isEqualTo("https://europe-west1-aiplatform.googleapis.com/v1/projects/env-project/"
                + "locations/europe-west1/publishers/google/models/gemini-2.5-pro:generateContent");
        assertThat(sent.headers().get("Authorization")).contains("Bearer tok-1");
        assertThat(key.minted()).isEqualTo(1);
    }

    @Test
    void optionsWinOverTheEnvironment() throws Exception {
        Path file = key.writeKeyFile(dir, true);
        ProviderRequest sent = sent("vertex-claude", "{\"keyFile\":\"" + file + "\",\"project\":\"opt-project\",\"region\":\"europe-west1\"}",
                Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent.json", "GOOGLE_CLOUD_PROJECT", "env-project",
                        "GOOGLE_CLOUD_LOCATION", "asia-east1"), GOOGLE, "claude-sonnet-4-5@20250929");

        assertThat(sent.url().toString()).isEqualTo("https://europe-west1-aiplatform.googleapis.com/v1/projects/opt-project/"
                + "locations/europe-west1/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
        assertThat(sent.body().get("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(sent.body().get("max_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void aGoogleHostIsReplacedByTheLocationsHostAndAnyOtherHostIsKept() {
        VertexSettings global = new VertexSettings(java.util.Optional.empty(), "global", new GoogleKey.ApplicationDefault());
        VertexSettings regional = new VertexSettings(java.util.Optional.empty(), "us-east5", new GoogleKey.ApplicationDefault());

        assertThat(global.root(GOOGLE)).isEqualTo("https://aiplatform.googleapis.com");
        assertThat(regional.root(GOOGLE)).isEqualTo("https://us-east5-aiplatform.googleapis.com");
        assertThat(regional.root(URI.create("https://proxy.example/vertex/?x=1"))).isEqualTo("https://proxy.example/vertex");
    }

    @Test
    void vertexOpenAiUsesAConfiguredEndpointAsItIsAndCompletesOneThatStopsAtOpenapi() throws Exception {
        String options = "{\"keyFile\":\"" + key.writeKeyFile(dir, true) + "\"}";
        URI full = URI.create("https://us-central1-aiplatform.googleapis.com/v1beta1/projects/p/locations/us-central1/endpoints/openapi/chat/completions");
        assertThat(sent("vertex-openai", options, Map.of(), full, "google/gemini-2.5-pro").url()).isEqualTo(full);

        URI partial = URI.create("https://us-central1-aiplatform.googleapis.com/v1beta1/projects/p/locations/us-central1/endpoints/openapi/");
        assertThat(sent("vertex-openai", options, Map.of(), partial, "google/gemini-2.5-pro").url().toString())
                .isEqualTo(partial + "chat/completions");
    }

    @Test
    void aMissingKeyFileIsAnErrorNamingThePathAndAMissingProjectOneNamingWhereToSetIt() throws Exception {
        assertThatThrownBy(() -> sent("vertex-gemini", "{\"keyFile\":\"/nonexistent/key.json\",\"project\":\"p\"}",
                Map.of(), GOOGLE, "gemini-2.5-pro"))
                .isInstanceOf(TransformerException.class)
                .hasMessage("vertex-gemini: could not load Google credentials from the key file /nonexistent/key.json: no such file");

        String withoutProject = "{\"keyFile\":\"" + key.writeKeyFile(dir, false) + "\"}";
        assertThatThrownBy(() -> sent("vertex-gemini", withoutProject, Map.of(), GOOGLE, "gemini-2.5-pro"))
                .isInstanceOf(TransformerException.class)
                .hasMessageContaining("no Google Cloud project").hasMessageContaining("GOOGLE_CLOUD_PROJECT");
    }

    @Test
    void aBrokenKeyFileIsAnErrorThatQuotesNothingOfIt() throws Exception {
        Path broken = dir.resolve("broken.json");
        java.nio.file.Files.writeString(broken, """
                {"type":"service_account","client_email":"sa@p.iam.gserviceaccount.com","client_id":"1",
                 "private_key_id":"k","private_key":"-----BEGIN PRIVATE KEY-----\\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\\n-----END PRIVATE KEY-----\\n"}""");

        assertThatThrownBy(() -> sent("vertex-gemini", "{\"keyFile\":\"" + broken + "\",\"project\":\"p\"}",
                Map.of(), GOOGLE, "gemini-2.5-pro"))
                .isInstanceOf(TransformerException.class)
                .hasMessageStartingWith("vertex-gemini: could not load Google credentials from the key file " + broken + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0", "PRIVATE KEY"));
    }

    @Test
    void aKeyFileUnderTheHomeFolderMayBeWrittenWithATilde() throws Exception {
        VertexSettings settings = VertexSettings.of(JSON.readTree("{\"keyFile\":\"~/keys/sa.json\"}"), name -> null, "us-central1");
        assertThat(settings.key()).isEqualTo(new GoogleKey.KeyFile(Path.of(System.getProperty("user.home"), "keys/sa.json")));
        assertThat(settings.location()).isEqualTo("us-central1");
    }

    @Test
    void theInlineServiceAccountNeverShowsItsPrivateKey() {
        GoogleKey inline = new GoogleKey.Inline("sa@p.iam.gserviceaccount.com", key.privateKeyPem(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(inline.toString()).contains("sa@p.iam.gserviceaccount.com").doesNotContain("PRIVATE KEY");
        assertThat(new VertexSettings(java.util.Optional.of("p"), "us-east5", inline).toString()).doesNotContain("PRIVATE KEY");
    }
}
