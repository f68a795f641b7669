package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.SseText;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image agent through a running ccr (docs/routing.md, "Image"): the main model cannot see, the conversation has a
 * screenshot; the main model asks {@code analyzeImage}, ccr asks the image model, the main model answers with the
 * description, and the client gets one answer without the call.
 */
class ImageAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PNG = "iVBORw0KGgoAAAANSUhEUg==";
    static final String DESCRIPTION = "The screenshot shows NullPointerException at Main.java:3";

    static String config(MockWebServer main, MockWebServer vision, String settings) {
        return """
                {%s
                 "Providers":[{"name":"main","api_base_url":"%s","api_key":"k1","models":["deepseek-chat","gpt-4o"]},
                              {"name":"vision","api_base_url":"%s","api_key":"k2","models":["qwen-vl"]}],
                 "Router":{"default":"main,deepseek-chat","image":"vision,qwen-vl"}}
                """.formatted(settings, Upstreams.url(main, "/v1/chat/completions"), Upstreams.url(vision, "/v1/chat/completions"));
    }

    static String request(boolean stream) {
        return """
                {"model":"claude-sonnet-4-5","max_tokens":1000,"stream":%s,
                 "system":"You are Claude Code.",
                 "messages":[{"role":"user","content":[
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}},
                    {"type":"text","text":"[Image #1] what does this error say?"}]}]}
                """.formatted(stream, PNG);
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse completion(String text, String toolCall) {
        String calls = toolCall == null ? "" : ",\"tool_calls\":[" + toolCall + "]";
        return json("""
                {"id":"c","model":"m","choices":[{"message":{"role":"assistant","content":%s%s},
                 "finish_reason":"%s"}],"usage":{"prompt_tokens":20,"completion_tokens":5}}"""
                .formatted(JSON.valueToTree(text), calls, toolCall == null ? "stop" : "tool_calls"));
    }

    static final String ANALYZE_CALL = """
            {"id":"call_img","type":"function","function":{"name":"analyzeImage",
             "arguments":"{\\"imageId\\":[\\"1\\"],\\"task\\":\\"read the error message\\"}"}}""";

    static MockResponse chunks(String... chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append("data: ").append(chunk).append("\n\n");
        }
        body.append("data: [DONE]\n\n");
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body.toString()).build();
    }

    static String textChunk(String text) {
        return "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JSON.valueToTree(text) + "}}]}";
    }

    static String finishChunk(String reason) {
        return "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason
                + "\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5}}";
    }

    static String toolChunk() {
        return """
                {"id":"c","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_img","type":"function",
                 "function":{"name":"analyzeImage","arguments":"{\\"imageId\\":[\\"1\\"],\\"task\\":\\"read the error message\\"}"}}]}}]}"""
                .replace("\n", "");
    }

    static JsonNode body(RecordedRequest request) throws Exception {
        return JSON.readTree(request.getBody().utf8());
    }

    @Test
    void aJsonAnswerUsesTheImageModelsDescription() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, "\"forceUseImageAgent\":true,"))) {
            main.enqueue(completion("Let me look at the screenshot.", ANALYZE_CALL));
            vision.enqueue(completion(DESCRIPTION, null));
            main.enqueue(completion("The error is a NullPointerException on line 3.", null));

            HttpResponse<String> response = router.post("/v1/messages", request(false));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("content").findValuesAsText("type")).containsOnly("text");
            assertThat(answer.path("content").findValuesAsText("text"))
                    .containsExactly("Let me look at the screenshot.", "The error is a NullPointerException on line 3.");
            assertThat(answer.path("stop_reason").asText()).isEqualTo("end_turn");
            assertTheRoundTrip(main, vision);
            assertTheUsageRecords(router);
        }
    }

    @Test
    void aStreamedAnswerIsOneWellFormedStream() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, "\"forceUseImageAgent\":true,"))) {
            main.enqueue(chunks(textChunk("Let me look "), textChunk("at the screenshot."), toolChunk(), finishChunk("tool_calls")));
            vision.enqueue(completion(DESCRIPTION, null));
            main.enqueue(chunks(textChunk("The error is a "), textChunk("NullPointerException on line 3."), finishChunk("stop")));

            HttpResponse<String> response = router.post("/v1/messages", request(true));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            List<SseText.Event> events = SseText.jsonEvents(response.body());
            assertThat(events.stream().map(SseText.Event::name).filter(n -> !n.equals("ping")))
                    .startsWith("message_start").endsWith("message_delta", "message_stop")
                    .containsOnlyOnce("message_start", "message_delta", "message_stop");
            List<Integer> started = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (SseText.Event event : events) {
                switch (event.name()) {
                    case "content_block_start" -> {
                        assertThat(event.data().at("/content_block/type").asText()).isEqualTo("text");
                        started.add(event.data().path("index").asInt());
                        texts.add("");
                    }
                    case "content_block_delta" -> {
                        assertThat(event.data().path("index").asInt()).isEqualTo(started.getLast());
                        texts.set(texts.size() - 1, texts.getLast() + event.data().at("/delta/text").asText());
                    }
                    case "content_block_stop" -> assertThat(event.data().path("index").asInt()).isEqualTo(started.getLast());
                    default -> { }
                }
            }
            assertThat(started).containsExactly(0, 1);
            assertThat(texts).containsExactly("Let me look at the screenshot.", "The error is a NullPointerException on line 3.");
            SseText.Event delta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow();
            assertThat(delta.data().at("/delta/stop_reason").asText()).isEqualTo("end_turn");
            assertThat(response.body()).doesNotContain("analyzeImage");
            assertTheRoundTrip(main, vision);
            assertTheUsageRecords(router);
        }
    }

    /** No image reached the main model; the image model got the image and the task; the main model got the description. */
    private static void assertTheRoundTrip(MockWebServer main, MockWebServer vision) throws Exception {
        RecordedRequest first = main.takeRequest(5, TimeUnit.SECONDS);
        String firstBody = first.getBody().utf8();
        assertThat(firstBody).doesNotContain(PNG).doesNotContain("image_url").contains("[Image #1]");
        assertThat(body(first).path("tools").findValuesAsText("name")).contains("analyzeImage");

        RecordedRequest described = vision.takeRequest(5, TimeUnit.SECONDS);
        assertThat(described.getHeaders().get("authorization")).isEqualTo("Bearer k2");
        assertThat(body(described).path("model").asText()).isEqualTo("qwen-vl");
        assertThat(described.getBody().utf8()).contains("data:image/png;base64," + PNG).contains("read the error message");

        RecordedRequest second = main.takeRequest(5, TimeUnit.SECONDS);
        JsonNode messages = body(second).path("messages");
        assertThat(second.getBody().utf8()).doesNotContain(PNG);
        JsonNode toolMessage = messages.get(messages.size() - 1);
        assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_img");
        assertThat(toolMessage.toString()).contains(DESCRIPTION);
        assertThat(messages.get(messages.size() - 2).at("/tool_calls/0/function/name").asText()).isEqualTo("analyzeImage");
        assertThat(main.getRequestCount()).isEqualTo(2);
        assertThat(vision.getRequestCount()).isEqualTo(1);
    }

    /** Both main rounds and the image model's call are in the usage records. */
    static void assertTheUsageRecords(RunningRouter router) throws Exception {
        JsonNode records = JSON.missingNode();
        for (int i = 0; i < 50; i++) {
            records = JSON.readTree(router.get("/api/usage").body()).path("records");
            if (records.size() >= 3) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(records).hasSize(3);
        List<String> models = new ArrayList<>();
        records.forEach(r -> models.add(r.path("provider").asText() + "," + r.path("model").asText()));
        assertThat(models).containsExactlyInAnyOrder("main,deepseek-chat", "main,deepseek-chat", "vision,qwen-vl");
        records.forEach(r -> assertThat(r.path("status").asText()).isEqualTo("success"));
    }
}
