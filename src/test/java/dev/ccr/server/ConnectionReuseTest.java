package dev.ccr.server;

import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections stay open for the next request, except after an answer given before the request's body was read. */
class ConnectionReuseTest {
    private static final String CONFIG = "{\"APIKEY\":\"k\",\"Providers\":[],\"Router\":{}}";

    @Test
    void answersAfterTheWholeRequestKeepTheConnection() {
        try (RunningRouter router = RunningRouter.start(CONFIG)) {
            HttpResponse<String> health = router.get("/health");
            HttpResponse<String> counted = router.post("/v1/messages/count_tokens",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", "k");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("connection")).isNotEqualTo(Optional.of("close"));
            assertThat(counted.statusCode()).isEqualTo(200);
            assertThat(counted.headers().firstValue("connection")).isNotEqualTo(Optional.of("close"));
        }
    }

    @Test
    void aRefusalBeforeTheBodyWasReadClosesTheConnectionAndSaysSo() {
        try (RunningRouter router = RunningRouter.start(CONFIG)) {
            HttpResponse<String> refused = router.post("/v1/messages", "{\"model\":\"m\",\"messages\":[]}");

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("connection")).contains("close");
            assertThat(router.get("/health").statusCode()).as("the next request gets a fresh connection").isEqualTo(200);
        }
    }
}
