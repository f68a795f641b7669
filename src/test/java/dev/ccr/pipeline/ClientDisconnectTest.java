package dev.ccr.pipeline;

import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.HangingUpstream;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
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

    @Test
    void aClientThatLeavesWhileAJsonAnswerIsWrittenIsRecordedAndNoLongerCountedInFlight() throws Exception {
        String content = "x".repeat(8_000_000); // more than the sockets hold, so writing it fails once the client is gone
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]}],"Router":{"default":"p,m"}}"""
                     .formatted(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
                    {"id":"c","model":"m","choices":[{"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":3,"completion_tokens":2}}""".formatted(content)).build());
            byte[] body = AnthropicSamples.request("x", false).getBytes(StandardCharsets.UTF_8);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), router.port())) {
                client.setReceiveBufferSize(4096);
                OutputStream out = client.getOutputStream();
                out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = client.getInputStream();
                assertThat(in.read()).as("the answer has started").isEqualTo('H');
            } // leaves with most of the answer unread

            JsonNode records = awaitRecords(router);
            assertThat(records).hasSize(1);
            assertThat(records.get(0).path("httpStatus").asInt()).isEqualTo(499);
            assertThat(router.get("/metrics").body()).contains("ccr_requests_active 0.0");
        }
    }

    private static JsonNode awaitRecords(RunningRouter router) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode records;
        do {
            Thread.sleep(50);
            records = json.readTree(router.get("/api/usage").body()).path("records");
        } while (records.isEmpty() && System.nanoTime() < deadline);
        return records;
    }
}
