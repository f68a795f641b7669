package dev.ccr.upstream;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UnhurriedPoolCleanupTest {
    @Test
    void connectionsAreReusedAndAnIdleOneIsStillClosedAfterItsKeepAlive() throws Exception {
        ConnectionPool pool = UnhurriedPoolCleanup.pool(4, Duration.ofMillis(200));
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            for (int i = 0; i < 3; i++) {
                server.enqueue(new MockResponse.Builder().body("ok " + i).build());
            }
            for (int i = 0; i < 3; i++) {
                try (Response response = client.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
                    assertThat(response.body().string()).isEqualTo("ok " + i);
                }
            }
            for (int i = 0; i < 3; i++) {
                var request = server.takeRequest();
                assertThat(request.getConnectionIndex()).as("one connection for all three").isZero();
                assertThat(request.getExchangeIndex()).isEqualTo(i);
            }
            assertThat(pool.connectionCount()).isEqualTo(1);

            Instant deadline = Instant.now().plus(UnhurriedPoolCleanup.LONGEST_NAP.multipliedBy(3));
            while (pool.connectionCount() > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(pool.connectionCount()).as("the idle connection is closed once its keep-alive has passed").isZero();
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }
}
