package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The config API the UI edits through: masked secrets, validation without saving, and the backups. */
class ConfigEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            {"APIKEY":"router-key","Providers":[
              {"name":"a","api_base_url":"https://a.example/v1/chat/completions","api_key":"sk-a-123","models":["m"]},
              {"name":"b","api_base_url":"https://b.example/v1/chat/completions","api_key":"$B_KEY","models":["m"]}],
             "Router":{"default":"a,m"}}""";
    private static final String[] KEY = {"x-api-key", "router-key"};

    private static RunningRouter router() {
        return RunningRouter.start(CONFIG, Map.of("B_KEY", "sk-b-456", "SERVICE_PORT", "0"));
    }

    @Test
    void theTeamsDatabaseAndRedisUrlsAreMasked() throws Exception {
        JsonNode masked = SecretMask.mask(JSON.readTree("""
                {"USAGE_DB": "jdbc:postgresql://db/ccr?password=pw", "STATE": {"redis": "redis://:pw@cache:6379/0"},
                 "USAGE_RETENTION_DAYS": 30}"""));
        assertThat(masked.toString()).doesNotContain("pw");
        assertThat(masked.at("/STATE/redis").asText()).isEqualTo(SecretMask.MASK);
        assertThat(masked.at("/USAGE_RETENTION_DAYS").asInt()).isEqualTo(30);
    }

    @Test
    void secretsWrittenInTheFileAreMaskedUnlessRevealedOnPurpose() throws Exception {
        try (RunningRouter router = router()) {
            String masked = router.get("/api/config", KEY).body();
            assertThat(masked).doesNotContain("sk-a-123", "router-key").contains("$B_KEY", SecretMask.MASK);

            JsonNode revealed = JSON.readTree(router.get("/api/config?reveal=true", KEY).body());
            assertThat(revealed.at("/Providers/0/api_key").asText()).isEqualTo("sk-a-123");
            assertThat(revealed.at("/Providers/1/api_key").asText()).isEqualTo("$B_KEY");
        }
    }

    @Test
    void savingAMaskedDocumentKeepsTheSecretsEvenWhenProvidersAreReordered() throws Exception {
        try (RunningRouter router = router()) {
            JsonNode masked = JSON.readTree(router.get("/api/config", KEY).body());
            var providers = (com.fasterxml.jackson.databind.node.ArrayNode) masked.get("Providers");
            JsonNode first = providers.remove(0);
            providers.add(first);

            assertThat(router.post("/api/config", masked.toString(), KEY).statusCode()).isEqualTo(200);

            JsonNode saved = JSON.readTree(Files.readString(router.configFile()));
            assertThat(saved.at("/Providers/1/name").asText()).isEqualTo("a");
            assertThat(saved.at("/Providers/1/api_key").asText()).isEqualTo("sk-a-123");
            assertThat(saved.at("/APIKEY").asText()).isEqualTo("router-key");
        }
    }

    @Test
    void aMaskWithNoSavedSecretBehindItIsRefused() throws Exception {
        try (RunningRouter router = router()) {
            String body = "{\"Providers\":[{\"name\":\"new\",\"api_base_url\":\"https://n.example/v1/chat/completions\","
                    + "\"api_key\":\"" + SecretMask.MASK + "\",\"models\":[\"m\"]}]}";
            HttpResponse<String> refused = router.post("/api/config", body, KEY);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).at("/error/message").asText()).contains("Providers[0].api_key is masked");
        }
    }

    @Test
    void validateChecksJson5WithoutSavingAndAnswersTheMaskedDocument() throws Exception {
        try (RunningRouter router = router()) {
            String before = Files.readString(router.configFile());
            HttpResponse<String> ok = router.post("/api/config/validate",
                    "{// a comment\n APIKEY: 'router-key', Providers: [], Router: {},}", KEY);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ok.body()).at("/document/APIKEY").asText()).isEqualTo(SecretMask.MASK);

            HttpResponse<String> bad = router.post("/api/config/validate", "{\"PORT\":\"many\"}", KEY);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).at("/error/message").asText()).startsWith("Config not valid").contains("PORT");
            assertThat(Files.readString(router.configFile())).isEqualTo(before);
        }
    }

    @Test
    void backupsAreListedShownMaskedAndRestorable() throws Exception {
        try (RunningRouter router = router()) {
            String original = Files.readString(router.configFile());
            JsonNode edited = JSON.readTree(router.get("/api/config", KEY).body());
            ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("Router")).put("default", "b,m");
            assertThat(router.post("/api/config", edited.toString(), KEY).statusCode()).isEqualTo(200);

            JsonNode backups = JSON.readTree(router.get("/api/config/backups", KEY).body());
            assertThat(backups).hasSize(1);
            String name = backups.get(0).get("name").asText();
            assertThat(name).startsWith("config.json.").endsWith(".bak");
            String shown = router.get("/api/config/backups/" + name, KEY).body();
            assertThat(shown).contains("\"default\":\"a,m\"").doesNotContain("sk-a-123");

            assertThat(router.post("/api/config/backups/" + name + "/restore", "", KEY).statusCode()).isEqualTo(200);
            assertThat(Files.readString(router.configFile())).isEqualTo(original);
            assertThat(JSON.readTree(router.get("/api/config/backups", KEY).body())).hasSize(2);

            assertThat(router.get("/api/config/backups/config.json", KEY).statusCode()).isEqualTo(404);
            assertThat(router.post("/api/config/backups/..%2Fsecret.bak/restore", "", KEY).statusCode()).isEqualTo(404);
        }
    }
}
