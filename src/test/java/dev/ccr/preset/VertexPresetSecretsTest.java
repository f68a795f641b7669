package dev.ccr.preset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A Vertex provider's inline service account never leaves in an exported preset; its key file path may. */
class VertexPresetSecretsTest {
    @Test
    void theInlinePrivateKeyBecomesAPlaceholderAndTheKeyFilePathStays() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree("""
                {"Providers":[
                  {"name":"vo","api_base_url":"https://us-central1-aiplatform.googleapis.com","api_key":"unused","models":["google/gemini-2.5-pro"],
                   "transformer":{"use":[["vertex-openai",{"client_email":"sa@p.iam.gserviceaccount.com",
                      "private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"}]]}},
                  {"name":"vg","api_base_url":"https://us-central1-aiplatform.googleapis.com","api_key":"unused","models":["gemini-2.5-pro"],
                   "transformer":{"use":[["vertex-gemini",{"keyFile":"/home/me/sa.json","project":"p"}]]}}]}""");

        SecretPlaceholders.Result result = SecretPlaceholders.apply(config);

        String exported = result.config().toString();
        assertThat(exported).doesNotContain("PRIVATE KEY", "MIIE");
        assertThat(result.config().at("/Providers/0/transformer/use/0/1/private_key").asText()).matches("\\$\\{[A-Z_]+}");
        assertThat(result.config().at("/Providers/1/transformer/use/0/1/keyFile").asText()).isEqualTo("/home/me/sa.json");
    }
}
