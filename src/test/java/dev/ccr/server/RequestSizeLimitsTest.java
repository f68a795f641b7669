package dev.ccr.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies up to BODY_LIMIT_BYTES reach the provider; larger ones and absurd URLs get a 4xx in Anthropic's shape. */
class RequestSizeLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ANSWER = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";

    private static String config(String url, String extra) {
        return """
                {%s "Providers":[{"name":"a","api_base_url":"%s","api_key":"k","models":["m"],"transformer":{"use":["Anthropic"]}}],
                 "Router":{"default":"a,m"}}
                """.formatted(extra, url);
    }

    private static final String HEAD = "{\"model\":\"a,m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"";
    private static final String TAIL = "\"}]}";

    /** A request whose one user message (a long paste of prose) makes the whole body {@code size} bytes long. */
    private static byte[] bodyOf(int size) {
        int textLength = size - HEAD.length() - TAIL.length();
        String prose = "The quick brown fox jumps over the lazy dog, 42 times. ".repeat(textLength / 55 + 1).substring(0, textLength);
        return (HEAD + prose + TAIL).getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> post(RunningRouter router, HttpRequest.BodyPublisher body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(router.uri("/v1/messages")).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} MB")
    @ValueSource(ints = {5, 20, 50})
    void everyBodyUpToTheDefaultLimitReachesTheProvider(int megabytes) throws Exception {
        int size = megabytes * 1024 * 1024 - 64; // the default limit is 50 MiB
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(Upstreams.url(upstream, "/v1/messages"), ""))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());

            HttpResponse<String> response = post(router, HttpRequest.BodyPublishers.ofByteArray(bodyOf(size)));

            assertThat(response.statusCode()).isEqualTo(200);
            RecordedRequest received = upstream.takeRequest(10, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            JsonNode sent = JSON.readTree(received.getBody().toByteArray());
            assertThat(sent.at("/messages/0/content").asText()).hasSize(size - HEAD.length() - TAIL.length());
        }
    }

    @Test
    void aBodyOverTheLimitIsAnswered413InAnthropicsShapeNotCut() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(Upstreams.url(upstream, "/v1/messages"), "\"BODY_LIMIT_BYTES\": 1000000,"))) {
            HttpResponse<String> response = post(router, HttpRequest.BodyPublishers.ofByteArray(bodyOf(3_000_000)));

            assertThat(response.statusCode()).isEqualTo(413);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("request_too_large");
            assertThat(error.at("/error/message").asText()).contains("BODY_LIMIT_BYTES");
            assertThat(upstream.getRequestCount()).isZero();
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsAnswered413AndTheConnectionServesTheNextRequest() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(Upstreams.url(upstream, "/v1/messages"), "\"BODY_LIMIT_BYTES\": 1000000,"))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
            byte[] big = bodyOf(2_000_000);
            // No Content-Length: the JDK client sends a publisher of unknown length chunked.
            HttpResponse<String> refused = post(router, HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofByteArray(big)));
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("request_too_large");

            HttpResponse<String> next = post(router, HttpRequest.BodyPublishers.ofByteArray(bodyOf(1000)));
            assertThat(next.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsABadRequest() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(Upstreams.url(upstream, "/v1/messages"), ""));
             Socket socket = new Socket("127.0.0.1", router.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("\"type\":\"invalid_request_error\"").contains("Content-Length");
            assertThat(upstream.getRequestCount()).isZero();
        }
    }

    @Test
    void aVeryLongUrlGetsA414InAnthropicsShape() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(Upstreams.url(upstream, "/v1/messages"), ""))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                    URI.create(router.uri("/v1/messages").toString() + "?q=" + "a".repeat(200_000)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodyOf(1000))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(414);
            assertThat(JSON.readTree(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void manyQueryParametersGetA400InAnthropicsShape() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(Upstreams.url(upstream, "/v1/messages"), ""))) {
            StringBuilder query = new StringBuilder("?beta=true");
            for (int i = 0; i < 5000; i++) {
                query.append("&p").append(i).append("=1");
            }
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                    URI.create(router.uri("/v1/messages").toString() + query))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodyOf(1000))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("query parameters");
        }
    }
}
