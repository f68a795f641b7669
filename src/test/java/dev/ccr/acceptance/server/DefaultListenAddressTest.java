package dev.ccr.acceptance.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** No PORT/HOST/APIKEY → 127.0.0.1:3456, and /health answers. */
@Tag("ccr-11.1")
class DefaultListenAddressTest {
    @Test
    void defaultsToLoopbackPort3456AndHealthAnswers() throws Exception {
        assumeTrue(portFree(3456), "port 3456 is taken on this machine (a ccr already running?)");
        try (RunningRouter router = RunningRouter.startAsConfigured("{\"Providers\":[],\"Router\":{}}", Map.of())) {
            assertThat(router.port()).isEqualTo(3456);
            assertThat(router.config().host()).isEqualTo("127.0.0.1");
            HttpResponse<String> health = router.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(health.body());
            assertThat(body.get("status").asText()).isEqualTo("ok");
            assertThat(Instant.parse(body.get("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
