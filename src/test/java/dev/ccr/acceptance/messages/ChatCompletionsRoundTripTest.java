package dev.ccr.acceptance.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: what an OpenAI-compatible upstream receives, and what the client gets back. */
class ChatCompletionsRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETION = """
            {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":2}}""";

    @Test
    @Tag("ccr-11.3")
    void theUpstreamGetsBearerAuthJsonAndTheBareModelWithStreamDefaultedToFalse() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION).build());

            HttpResponse<String> response = router.post("/v1/messages?beta=true",
                    "{\"model\":\"claude-opus-4-8\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(response.statusCode()).isEqualTo(200);
            RecordedRequest received = upstream.takeRequest();
            assertThat(received.getMethod()).isEqualTo("POST");
            assertThat(received.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
            assertThat(received.getHeaders().get("Content-Type")).startsWith("application/json");
            assertThat(received.getHeaders().get("Authorization")).isEqualTo("Bearer k");
            JsonNode body = JSON.readTree(received.getBody().utf8());
            assertThat(body.get("model").asText()).isEqualTo("m");
            assertThat(body.get("stream").asBoolean()).isFalse();
        }
    }

    @Test
    @Tag("ccr-11.3")
    void aStreamingRequestIsForwardedAsStreaming() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                    .body("data: {\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n").build());
            router.post("/v1/messages", "{\"model\":\"x\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            JsonNode body = JSON.readTree(upstream.takeRequest().getBody().utf8());
            assertThat(body.get("stream").asBoolean()).isTrue();
            assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
        }
    }

    @Test
    @Tag("ccr-11.2")
    void aNonStreamingAnswerComesBackAsAnAnthropicMessage() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION).build());
            HttpResponse<String> response = router.post("/v1/messages",
                    "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
                    {"id":"x","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"Hi"}],
                     "stop_reason":"end_turn","stop_sequence":null,
                     "usage":{"input_tokens":10,"output_tokens":2,"cache_read_input_tokens":0}}"""));
        }
    }
}
