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
            assertThat(page.get("data")).extracting(m -> m.get("id").asText()).containsExactly("p,m", "p,m2", "q,x");
            assertThat(page.get("data").get(0).get("type").asText()).isEqualTo("model");
            assertThat(page.get("has_more").asBoolean()).isFalse();
            assertThat(page.get("first_id").asText()).isEqualTo("p,m");

            assertThat(JSON.readTree(router.get("/v1/models/q,x").body()).get("display_name").asText()).isEqualTo("q,x");
            HttpResponse<String> missing = router.get("/v1/models/nope,z");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(missing.body()).at("/error/type").asText()).isEqualTo("not_found_error");
        }
    }
}
