package dev.ccr.upstream;

import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentedBodyTest {
    @Test
    void aBodyOfManySegmentsAndARemainderArrivesWholeWithItsLengthAndTheCallersContentType() throws Exception {
        byte[] body = new byte[3 * 8192 + 17];
        new Random(7).nextBytes(body);
        try (MockWebServer server = Upstreams.mock();
             UpstreamClient client = UpstreamClient.create(Optional.empty(), Duration.ofSeconds(5))) {
            server.enqueue(new MockResponse.Builder().body("ok").build());
            UpstreamRequest request = new UpstreamRequest(URI.create(Upstreams.url(server, "/v1/chat/completions")),
                    List.of(Map.entry("Content-Type", "application/json")), body);
            try (UpstreamResponse response = client.send(request, Timeouts.total(Duration.ofSeconds(10)), new Cancellation());
                 InputStream answer = response.body()) {
                assertThat(answer.readAllBytes()).asString().isEqualTo("ok");
            }
            RecordedRequest received = server.takeRequest();
            assertThat(received.getBody().toByteArray()).isEqualTo(body);
            assertThat(received.getHeaders().get("Content-Length")).isEqualTo(Integer.toString(body.length));
            assertThat(received.getHeaders().values("Content-Type")).containsExactly("application/json");
            assertThat(received.getHeaders().get("Transfer-Encoding")).isNull();
        }
    }
}
