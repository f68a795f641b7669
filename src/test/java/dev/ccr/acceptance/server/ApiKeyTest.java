package dev.ccr.acceptance.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The API key, its two headers, and the paths that need none. */
class ApiKeyTest {
    private static final String COUNT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}";
    private static RunningRouter router;

    @BeforeAll
    static void start() {
        router = RunningRouter.start("{\"APIKEY\":\"s\",\"Providers\":[],\"Router\":{}}");
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static String errorMessage(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body()).at("/error/message").asText();
    }

    @Test
    @Tag("ccr-11.41")
    void bearerOrXApiKeyIsAccepted() {
        assertThat(router.post("/v1/messages/count_tokens", COUNT, "Authorization", "Bearer s").statusCode()).isEqualTo(200);
        assertThat(router.post("/v1/messages/count_tokens", COUNT, "x-api-key", "s").statusCode()).isEqualTo(200);
    }

    @Test
    @Tag("ccr-11.41")
    void aMissingKeyIs401ApiKeyIsMissing() throws Exception {
        HttpResponse<String> response = router.post("/v1/messages/count_tokens", COUNT);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorMessage(response)).isEqualTo("APIKEY is missing");
    }

    @Test
    @Tag("ccr-11.41")
    void aWrongKeyIs401InvalidApiKey() throws Exception {
        HttpResponse<String> response = router.post("/v1/messages/count_tokens", COUNT, "x-api-key", "wrong");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorMessage(response)).isEqualTo("Invalid API key");
    }

    @Test
    @Tag("ccr-11.41")
    void authorizationWinsOverXApiKey() throws Exception {
        HttpResponse<String> response = router.post("/v1/messages/count_tokens", COUNT,
                "Authorization", "Bearer wrong", "x-api-key", "s");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorMessage(response)).isEqualTo("Invalid API key");
    }

    @Test
    @Tag("ccr-11.42")
    void healthRootAndUiNeedNoKeyButHealthWithAQueryDoes() {
        assertThat(router.get("/health").statusCode()).isEqualTo(200);
        assertThat(router.get("/").statusCode()).isEqualTo(200);
        assertThat(router.head("/").statusCode()).isEqualTo(200);
        assertThat(router.get("/ui/index.html").statusCode()).isNotEqualTo(401);
        assertThat(router.get("/health?x=1").statusCode()).isEqualTo(401);
    }

    @Test
    void theAdminApiNeedsTheKeyToo() {
        assertThat(router.get("/api/config").statusCode()).isEqualTo(401);
        assertThat(router.get("/api/config", "x-api-key", "s").statusCode()).isEqualTo(200);
    }
}
