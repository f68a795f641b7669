package dev.ccr.pipeline;

import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.HangingUpstream;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that leaves while ccr waits for the provider gets the provider call cancelled at once. */
class ClientDisconnectTest {
    @ParameterizedTest(name = "passthrough={0}")
    @ValueSource(booleans = {false, true})
    void theUpstreamCallIsCancelledWithin100MsOfTheClientLeaving(boolean passthrough) throws Exception {
        try (HangingUpstream upstream = new HangingUpstream();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]%s}],"Router":{"default":"p,m"}}"""
                     .formatted(upstream.url(passthrough ? "/v1/messages" : "/v1/chat/completions"),
                             passthrough ? ",\"transformer\":{\"use\":[\"Anthropic\"]}" : ""))) {
            byte[] body = AnthropicSamples.request("x", true).getBytes(StandardCharsets.UTF_8);
            Socket client = new Socket(InetAddress.getLoopbackAddress(), router.port());
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertThat(upstream.awaitRequest(5_000)).isTrue();

            long leftAt = System.nanoTime();
            client.close();

            long closedAt = upstream.awaitCallerClosed(5_000);
            assertThat(closedAt).as("upstream connection closed").isPositive();
            assertThat(Duration.ofNanos(closedAt - leftAt)).isLessThan(Duration.ofMillis(100));
        }
    }
}
