package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsEveryProviderModelInAnthropicsShape() throws Exception {
        try (RunningRouter router = RunningRouter.start("""
                {"Providers":[{"name":"p","api_base_url":"http://127.0.0.1:9/v1","api_key":"k","models":["m","m2"]},
                              {"name":"q","api_base_url":"http://127.0.0.1:9/v1","api_key":"k","models":["x"]}]}""")) {
            JsonNode page = JSON.readTree(router.get("/v1/models").body());
            assertThat(page.get("data")).extracting(m -> m.get("id").asText()).containsExactly("claude-ccr:p,m", "claude-ccr:p,m2", "claude-ccr:q,x");
            assertThat(page.get("data").get(0).get("type").asText()).isEqualTo("model");
            assertThat(page.get("has_more").asBoolean()).isFalse();
            assertThat(page.get("first_id").asText()).isEqualTo("claude-ccr:p,m");

            assertThat(JSON.readTree(router.get("/v1/models/q,x").body()).get("display_name").asText())
                    .isEqualTo("x (q, via ccr)");
            assertThat(router.get("/v1/models/claude-ccr:q,x").statusCode()).isEqualTo(200);
            HttpResponse<String> missing = router.get("/v1/models/nope,z");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(missing.body()).at("/error/type").asText()).isEqualTo("not_found_error");
        }
    }

    @Test
    void aListedIdSentAsTheModelRoutesToThatProviderAndModel() throws Exception {
        try (RunningRouter router = RunningRouter.start("""
                {"Providers":[{"name":"p","api_base_url":"http://127.0.0.1:9/v1","api_key":"k","models":["m"]},
                              {"name":"q","api_base_url":"http://127.0.0.1:9/v1","api_key":"k","models":["x"]}],
                 "Router":{"default":"p,m"}}""")) {
            String id = JSON.readTree(router.get("/v1/models").body()).at("/data/1/id").asText();
            JsonNode explained = JSON.readTree(router.post("/api/route/explain",
                    "{\"model\":\"" + id + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body());
            assertThat(explained.get("target").asText()).isEqualTo("q,x");
            assertThat(explained.get("rule").asText()).isEqualTo("explicit-model");
        }
    }
}
