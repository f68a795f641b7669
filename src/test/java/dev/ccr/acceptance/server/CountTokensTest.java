package dev.ccr.acceptance.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code count_tokens} is answered locally with cl100k_base. */
@Tag("ccr-11.69")
class CountTokensTest {
    @Test
    void countTokensIsAnsweredLocally() throws Exception {
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
