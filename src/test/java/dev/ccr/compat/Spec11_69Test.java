package dev.ccr.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §11 item 69: count_tokens is answered locally with cl100k_base. */
class Spec11_69Test {
    @Test
    void item69_countTokensIsAnsweredLocally() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            HttpResponse<String> response = router.post("/v1/messages/count_tokens?beta=true",
                    "{\"model\":\"claude-opus-4-8\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(response.body())).isEqualTo(new ObjectMapper().readTree("{\"input_tokens\":2}"));
            assertThat(upstream.getRequestCount()).isZero();
        }
    }
}
