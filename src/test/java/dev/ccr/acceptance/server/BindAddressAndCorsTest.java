package dev.ccr.acceptance.server;

import dev.ccr.config.Config;
import dev.ccr.config.ConfigParser;
import dev.ccr.config.Json5;
import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the server listens, and the CORS rule without an API key. */
class BindAddressAndCorsTest {
    @Test
    @Tag("ccr-11.43")
    void hostAllInterfacesWithoutApiKeyBindsLoopback() {
        try (RunningRouter router = RunningRouter.start("{\"HOST\":\"0.0.0.0\",\"Providers\":[{\"name\":\"p\",\"api_base_url\":\"http://127.0.0.1:9/v1\",\"api_key\":\"k\"}]}")) {
            assertThat(router.config().host()).isEqualTo("127.0.0.1");
            assertThat(router.get("/health").statusCode()).isEqualTo(200);
        }
    }

    /** Tests never bind outside loopback, so the other half is checked on the config the server binds from. */
    @Test
    @Tag("ccr-11.43")
    void hostAllInterfacesWithApiKeyIsKept() throws Exception {
        Config config = ConfigParser.parse(Json5.parse("{\"HOST\":\"0.0.0.0\",\"APIKEY\":\"s\"}"), Map.of());
        assertThat(config.host()).isEqualTo("0.0.0.0");
    }

    @Test
    @Tag("ccr-11.44")
    void withoutApiKeyOnlyLocalOriginsAreAllowed() throws Exception {
        int port = freePort();
        try (RunningRouter router = RunningRouter.start("{\"PORT\":" + port + ",\"Providers\":[],\"Router\":{}}")) {
            String body = "{\"messages\":[]}";
            HttpResponse<String> evil = router.post("/v1/messages/count_tokens", body, "Origin", "http://evil.com");
            assertThat(evil.statusCode()).isEqualTo(403);
            assertThat(evil.body()).contains("CORS not allowed for this origin");

            HttpResponse<String> local = router.post("/v1/messages/count_tokens", body, "Origin", "http://localhost:" + port);
            assertThat(local.statusCode()).isEqualTo(200);
            assertThat(local.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:" + port);

            assertThat(router.post("/v1/messages/count_tokens", body, "Origin", "http://127.0.0.1:" + port).statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages/count_tokens", body).statusCode()).isEqualTo(200);
        }
    }

    /** Deviation from CCR 2.0 (which binds 0.0.0.0 without auth here): documented in docs/compatibility.md. */
    @Test
    @Tag("ccr-11.45")
    void noProvidersStillBindsLoopbackAndKeepsTheOriginCheck() {
        try (RunningRouter router = RunningRouter.start("{\"HOST\":\"0.0.0.0\",\"Providers\":[],\"Router\":{}}")) {
            assertThat(router.config().host()).isEqualTo("127.0.0.1");
            assertThat(router.post("/v1/messages/count_tokens", "{}", "Origin", "http://evil.com").statusCode()).isEqualTo(403);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
