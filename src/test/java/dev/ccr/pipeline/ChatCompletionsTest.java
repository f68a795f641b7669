package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.ControlledSseUpstream;
import dev.ccr.testing.RawUpstream;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.SseText;
import dev.ccr.testing.Upstreams;
import dev.ccr.wire.sse.SseEvent;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI chat completions dialect end to end, through a real ccr. */
class ChatCompletionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM_REQUEST = "{\"model\":\"x\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String HI_CHUNK = "data: {\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n";

    private static List<SseEvent> events(String body) {
        return SseText.events(body);
    }

    @Tag("ccr-11.4")
    @Test
    void aTextStreamArrivesAsAnthropicEventsWithSseHeaders() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(HI_CHUNK
                    + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2}}\n\n"
                    + "data: [DONE]\n\n").build());
            HttpResponse<String> response = router.post("/v1/messages", STREAM_REQUEST);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
            assertThat(response.headers().firstValue("cache-control")).contains("no-cache");
            List<SseEvent> events = events(response.body());
            assertThat(events).extracting(SseEvent::event).containsExactly("message_start", "content_block_start",
                    "content_block_delta", "content_block_stop", "message_delta", "message_stop");
            assertThat(response.body()).startsWith("event: message_start\ndata: {");
            assertThat(JSON.readTree(events.get(2).data())).isEqualTo(JSON.readTree(
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"));
            assertThat(JSON.readTree(events.get(4).data()).get("usage")).isEqualTo(JSON.readTree(
                    "{\"input_tokens\":10,\"output_tokens\":2,\"cache_read_input_tokens\":0}"));
        }
    }

    @Test
    void anUpstreamThatBreaksMidStreamEndsWithAnErrorEventAndNothingMore() throws Exception {
        try (RawUpstream upstream = RawUpstream.streamThenReset(HI_CHUNK);
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(upstream.url("/v1/chat/completions")))) {
            HttpResponse<String> response = router.post("/v1/messages", STREAM_REQUEST);
            assertThat(response.statusCode()).isEqualTo(200);
            List<SseEvent> events = events(response.body());
            assertThat(events).extracting(SseEvent::event)
                    .containsExactly("message_start", "content_block_start", "content_block_delta", "error");
            JsonNode error = JSON.readTree(events.getLast().data());
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("api_error");
            assertThat(error.at("/error/message").asText()).startsWith("Error from provider(p,m): the stream broke");
        }
    }

    @Test
    void aResetBeforeTheAnswerIsA502InAnthropicsShapeWithoutAStackTrace() throws Exception {
        try (RawUpstream upstream = RawUpstream.resetBeforeAnswer();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(upstream.url("/v1/chat/completions")))) {
            HttpResponse<String> response = router.post("/v1/messages", STREAM_REQUEST);
            assertThat(response.statusCode()).isEqualTo(502);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("type").asText()).isEqualTo("error");
            assertThat(body.at("/error/type").asText()).isEqualTo("api_error");
            assertThat(body.toString()).doesNotContain("at java.").doesNotContain("at dev.ccr");
        }
    }

    @Test
    void aSilentStreamIsKeptAliveWithPings() throws Exception {
        try (ControlledSseUpstream upstream = ControlledSseUpstream.stepped(HI_CHUNK,
                "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
             RunningRouter router = RunningRouter.start("""
                     {"PING_INTERVAL_MS": 50,
                      "Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]}],"Router":{"default":"p,m"}}"""
                     .formatted(upstream.url("/v1/chat/completions")))) {
            HttpResponse<InputStream> response = router.postStreaming("/v1/messages", STREAM_REQUEST);
            BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            boolean sawPing = false;
            for (String line; !sawPing && (line = reader.readLine()) != null; ) {
                sawPing = line.equals("event: ping");
            }
            assertThat(sawPing).isTrue();
            assertThat(reader.readLine()).isEqualTo("data: {\"type\":\"ping\"}");
            upstream.releaseRest();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("event: message_stop");
        }
    }

    @Test
    void aJsonAnswerToAStreamingRequestIsReplayedAsEvents() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                    {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi","tool_calls":[
                      {"id":"t1","type":"function","function":{"name":"Read","arguments":"{\\"p\\":1}"}}]},"finish_reason":"tool_calls"}],
                     "usage":{"prompt_tokens":10,"completion_tokens":2}}""").build());
            HttpResponse<String> response = router.post("/v1/messages", STREAM_REQUEST);
            List<SseEvent> events = events(response.body());
            assertThat(events).extracting(SseEvent::event).containsExactly("message_start",
                    "content_block_start", "content_block_delta", "content_block_stop",
                    "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
            assertThat(JSON.readTree(events.get(5).data()).at("/delta/partial_json").asText()).isEqualTo("{\"p\":1}");
            assertThat(JSON.readTree(events.get(7).data()).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        }
    }

    @Test
    void aTwoHundredWithAnErrorBodyIsTheProvidersFailure() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            for (int i = 0; i < 2; i++) { // the first try and its one retry
                upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                        .body("{\"error\":{\"message\":\"quota exhausted\"}}").build());
            }
            HttpResponse<String> response = router.post("/v1/messages", "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("quota exhausted");
        }
    }
}
