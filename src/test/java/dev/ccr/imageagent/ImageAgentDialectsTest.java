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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.ccr.imageagent.ImageAgentTest.ANALYZE_CALL;
import static dev.ccr.imageagent.ImageAgentTest.DESCRIPTION;
import static dev.ccr.imageagent.ImageAgentTest.PNG;
import static dev.ccr.imageagent.ImageAgentTest.completion;
import static dev.ccr.imageagent.ImageAgentTest.config;
import static dev.ccr.imageagent.ImageAgentTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent whatever the dialects: an Anthropic-dialect main model's own events, and a client of OpenAI's dialect. */
class ImageAgentDialectsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MockResponse events(String... events) {
        StringBuilder body = new StringBuilder();
        for (String event : events) {
            String type = event.replaceAll("(?s).*?\"type\":\"([a-z_]+)\".*", "$1");
            body.append("event: ").append(type).append("\ndata: ").append(event).append("\n\n");
        }
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body.toString()).build();
    }

    private static final String START = """
            {"type":"message_start","message":{"id":"msg_%s","type":"message","role":"assistant","content":[],"model":"glm-4.5",\
            "stop_reason":null,"usage":{"input_tokens":30,"output_tokens":1}}}""";

    @Test
    void anAnthropicDialectModelsEventsAreSplicedIntoOneStream() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"forceUseImageAgent":true,
                      "Providers":[{"name":"glm","api_base_url":"%s","api_key":"k1","models":["glm-4.5"],
                                    "transformer":{"use":["Anthropic"]}},
                                   {"name":"vision","api_base_url":"%s","api_key":"k2","models":["qwen-vl"]}],
                      "Router":{"default":"glm,glm-4.5","image":"vision,qwen-vl"}}"""
                     .formatted(Upstreams.url(main, "/v1/messages"), Upstreams.url(vision, "/v1/chat/completions")))) {
            main.enqueue(events(START.formatted("one"), "{\"type\":\"ping\"}",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Need the image.\"}}",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig1\"}}",
                    "{\"type\":\"content_block_stop\",\"index\":0}",
                    "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_img\",\"name\":\"analyzeImage\",\"input\":{}}}",
                    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"imageId\\\":[\\\"1\\\"],\"}}",
                    "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"task\\\":\\\"read it\\\"}\"}}",
                    "{\"type\":\"content_block_stop\",\"index\":1}",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":20}}",
                    "{\"type\":\"message_stop\"}"));
            vision.enqueue(completion(DESCRIPTION, null));
            main.enqueue(events(START.formatted("two"),
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"A NullPointerException.\"}}",
                    "{\"type\":\"content_block_stop\",\"index\":0}",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}",
                    "{\"type\":\"message_stop\"}"));

            HttpResponse<String> response = router.post("/v1/messages", request(true));

            List<SseText.Event> events = SseText.jsonEvents(response.body());
            assertThat(events.stream().map(SseText.Event::name).toList()).containsExactly("message_start", "ping",
                    "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "ping",
                    "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
            assertThat(events.get(0).data().at("/message/id").asText()).isEqualTo("msg_one");
            assertThat(events.get(7).data().path("index").asInt()).isEqualTo(1);
            assertThat(events.get(10).data().at("/delta/stop_reason").asText()).isEqualTo("end_turn");

            assertThat(main.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).doesNotContain(PNG);
            assertThat(vision.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).contains(PNG).contains("read it");
            JsonNode followUp = JSON.readTree(main.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
            JsonNode turn = followUp.at("/messages/1/content");
            assertThat(turn.at("/0/signature").asText()).isEqualTo("sig1");
            assertThat(turn.at("/0/thinking").asText()).isEqualTo("Need the image.");
            assertThat(turn.at("/1/input/task").asText()).isEqualTo("read it");
            assertThat(followUp.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_img");
            assertThat(followUp.at("/messages/2/content/0/content/0/text").asText()).isEqualTo(DESCRIPTION);
        }
    }

    @Test
    void aClientOfOpenAisDialectGetsTheDescribedAnswerInItsOwnShape() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, "\"forceUseImageAgent\":true,"))) {
            main.enqueue(completion("", ANALYZE_CALL));
            vision.enqueue(completion(DESCRIPTION, null));
            main.enqueue(completion("A NullPointerException.", null));

            HttpResponse<String> response = router.post("/v1/chat/completions", """
                    {"model":"gpt-5","messages":[{"role":"user","content":[
                      {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}},
                      {"type":"text","text":"what does it say?"}]}]}""".formatted(PNG));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("A NullPointerException.");
            assertThat(answer.at("/choices/0/message/tool_calls").isMissingNode()).isTrue();
            RecordedRequest first = main.takeRequest(5, TimeUnit.SECONDS);
            assertThat(first.getBody().utf8()).doesNotContain(PNG).contains("analyzeImage");
            assertThat(vision.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).contains(PNG);
        }
    }
}
