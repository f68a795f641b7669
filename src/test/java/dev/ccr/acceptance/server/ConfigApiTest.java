package dev.ccr.acceptance.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Saving the config through the HTTP API; the rotation itself is covered in ConfigStoreTest. */
class ConfigApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Tag("ccr-11.50")
    void postApiConfigBacksUpAndWritesPrettyJson() throws Exception {
        try (RunningRouter router = RunningRouter.start("{\"Providers\":[],\"Router\":{}, \"custom\": 1}")) {
            HttpResponse<String> response = router.post("/api/config",
                    "{\"PORT\":3999,\"Providers\":[],\"Router\":{\"default\":\"p,m\"},\"custom\":2}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body())).isEqualTo(
                    JSON.readTree("{\"success\":true,\"message\":\"Config saved successfully\"}"));

            String saved = Files.readString(router.configFile());
            assertThat(saved).startsWith("{\n  \"PORT\": 3999,");
            assertThat(JSON.readTree(saved).get("custom").asInt()).isEqualTo(2);
            try (Stream<Path> files = Files.list(router.configFile().getParent())) {
                Path backup = files.filter(p -> p.getFileName().toString().matches("config\\.json\\..+\\.bak")).findFirst().orElseThrow();
                assertThat(Files.readString(backup)).contains("\"custom\": 1");
            }
            assertThat(JSON.readTree(router.get("/api/config").body()).get("PORT").asInt()).isEqualTo(3999);
        }
    }

    @Test
    void anInvalidConfigIsRefusedWithTheProblemAndNothingIsWritten() throws Exception {
        try (RunningRouter router = RunningRouter.start("{\"Providers\":[],\"Router\":{}}")) {
            String before = Files.readString(router.configFile());
            HttpResponse<String> response = router.post("/api/config", "{\"PORT\":\"many\"}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("PORT");
            assertThat(Files.readString(router.configFile())).isEqualTo(before);
        }
    }

    @Test
    void getApiConfigNeverExpandsEnvironmentSecrets() throws Exception {
        try (RunningRouter router = RunningRouter.start("{\"APIKEY\":\"$CCR_TEST_SECRET\",\"Providers\":[]}",
                java.util.Map.of("CCR_TEST_SECRET", "s3cr3t", "SERVICE_PORT", "0"))) {
            HttpResponse<String> response = router.get("/api/config", "x-api-key", "s3cr3t");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("$CCR_TEST_SECRET").doesNotContain("s3cr3t");
        }
    }
}
