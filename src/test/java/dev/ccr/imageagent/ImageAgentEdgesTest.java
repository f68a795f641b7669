package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.ControlledSseUpstream;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.SseText;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.ccr.imageagent.ImageAgentTest.ANALYZE_CALL;
import static dev.ccr.imageagent.ImageAgentTest.DESCRIPTION;
import static dev.ccr.imageagent.ImageAgentTest.PNG;
import static dev.ccr.imageagent.ImageAgentTest.chunks;
import static dev.ccr.imageagent.ImageAgentTest.completion;
import static dev.ccr.imageagent.ImageAgentTest.config;
import static dev.ccr.imageagent.ImageAgentTest.finishChunk;
import static dev.ccr.imageagent.ImageAgentTest.request;
import static dev.ccr.imageagent.ImageAgentTest.textChunk;
import static dev.ccr.imageagent.ImageAgentTest.toolChunk;
import static org.assertj.core.api.Assertions.assertThat;

/** When the image agent stays out of the way, and what the client gets when a part of its round trip fails. */
class ImageAgentEdgesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT_ON = "\"forceUseImageAgent\":true,";

    @Test
    void withoutTheSwitchTheRequestGoesToTheImageModelAsBefore() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, ""))) {
            vision.enqueue(completion(DESCRIPTION, null));

            HttpResponse<String> response = router.post("/v1/messages", request(false));

            assertThat(JSON.readTree(response.body()).at("/content/0/text").asText()).isEqualTo(DESCRIPTION);
            assertThat(vision.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).contains(PNG).doesNotContain("analyzeImage");
            assertThat(main.getRequestCount()).isZero();
        }
    }

    @Test
    void aModelThatReadsImagesGetsThemItself() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, AGENT_ON)
                     .replace("\"default\":\"main,deepseek-chat\"", "\"default\":\"main,gpt-4o\""))) {
            main.enqueue(completion("A NullPointerException.", null));

            HttpResponse<String> response = router.post("/v1/messages", request(false));

            assertThat(JSON.readTree(response.body()).at("/content/0/text").asText()).isEqualTo("A NullPointerException.");
            assertThat(main.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).contains(PNG).doesNotContain("analyzeImage");
            assertThat(vision.getRequestCount()).isZero();
        }
    }

    @Test
    void aFailedDescriptionIsAToolErrorTheMainModelExplains() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, AGENT_ON))) {
            main.enqueue(completion("", ANALYZE_CALL));
            vision.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"error\":{\"message\":\"image too large\"}}").build());
            main.enqueue(completion("I could not read the screenshot: the image model refused it.", null));

            HttpResponse<String> response = router.post("/v1/messages", request(false));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("content").findValuesAsText("text"))
                    .containsExactly("I could not read the screenshot: the image model refused it.");
            main.takeRequest(5, TimeUnit.SECONDS);
            JsonNode messages = JSON.readTree(main.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).path("messages");
            assertThat(messages.get(messages.size() - 1).toString())
                    .contains("analyzeImage failed: the image model vision,qwen-vl answered 400")
                    .contains("image too large");
            JsonNode records = usageRecords(router, 3);
            assertThat(records.findValuesAsText("status")).containsExactlyInAnyOrder("success", "success", "error");
        }
    }

    @Test
    void aFailedFollowUpEndsTheStreamWithAnErrorEvent() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, AGENT_ON))) {
            main.enqueue(chunks(textChunk("Looking."), toolChunk(), finishChunk("tool_calls")));
            vision.enqueue(completion(DESCRIPTION, null));
            main.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"error\":{\"message\":\"context too long\"}}").build());

            HttpResponse<String> response = router.post("/v1/messages", request(true));

            assertThat(response.statusCode()).isEqualTo(200);
            List<String> names = SseText.jsonEvents(response.body()).stream().map(SseText.Event::name)
                    .filter(n -> !n.equals("ping")).toList();
            assertThat(names).containsExactly("message_start", "content_block_start", "content_block_delta",
                    "content_block_stop", "error");
            assertThat(response.body()).contains("context too long");
        }
    }

    @Test
    void aFailedFirstRoundIsTheClientsAnswerAsItIs() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, AGENT_ON))) {
            main.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"error\":{\"message\":\"bad tools\"}}").build());

            HttpResponse<String> response = router.post("/v1/messages", request(true));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("type").asText()).isEqualTo("error");
            assertThat(response.body()).contains("bad tools");
            assertThat(vision.getRequestCount()).isZero();
        }
    }

    @Test
    void anotherToolCalledBesideAnalyzeImageWaitsForTheDescription() throws Exception {
        String bashCall = """
                {"id":"call_bash","type":"function","function":{"name":"Bash","arguments":"{\\"command\\":\\"ls\\"}"}}""";
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, AGENT_ON))) {
            main.enqueue(chunks(textChunk("Looking."), toolChunk(), toolCallChunk(1, bashCall), finishChunk("tool_calls")));
            vision.enqueue(completion(DESCRIPTION, null));
            main.enqueue(chunks(textChunk("Now listing."), toolCallChunk(0, bashCall), finishChunk("tool_calls")));

            HttpResponse<String> response = router.post("/v1/messages", request(true));

            List<SseText.Event> events = SseText.jsonEvents(response.body());
            List<JsonNode> starts = events.stream().filter(e -> e.name().equals("content_block_start")).map(SseText.Event::data).toList();
            assertThat(starts).extracting(s -> s.at("/content_block/type").asText() + "#" + s.path("index").asInt())
                    .containsExactly("text#0", "text#1", "tool_use#2");
            assertThat(starts.get(2).at("/content_block/name").asText()).isEqualTo("Bash");
            assertThat(events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow()
                    .data().at("/delta/stop_reason").asText()).isEqualTo("tool_use");
            main.takeRequest(5, TimeUnit.SECONDS);
            RecordedRequest followUp = main.takeRequest(5, TimeUnit.SECONDS);
            assertThat(followUp.getBody().utf8()).contains("call_img").doesNotContain("call_bash");
        }
    }

    @Test
    void aModelThatKeepsAskingIsAnsweredAFewTimesThenStopped() throws Exception {
        try (MockWebServer main = Upstreams.mock(); MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(main, vision, AGENT_ON))) {
            for (int i = 0; i <= ImageAgent.MAX_ANALYZE_ROUNDS; i++) {
                main.enqueue(completion("Round " + i + ".", ANALYZE_CALL));
                vision.enqueue(completion(DESCRIPTION, null));
            }

            HttpResponse<String> response = router.post("/v1/messages", request(false));

            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("content")).hasSize(ImageAgent.MAX_ANALYZE_ROUNDS + 1);
            assertThat(answer.path("stop_reason").asText()).isEqualTo("end_turn");
            assertThat(main.getRequestCount()).isEqualTo(ImageAgent.MAX_ANALYZE_ROUNDS + 1);
            assertThat(vision.getRequestCount()).isEqualTo(ImageAgent.MAX_ANALYZE_ROUNDS);
        }
    }

    @Test
    void aClientThatLeavesMidAnswerEndsTheAgentsWork() throws Exception {
        try (ControlledSseUpstream main = ControlledSseUpstream.stepped("data: " + textChunk("Looking.") + "\n\n",
                "data: " + toolChunk() + "\n\ndata: " + finishChunk("tool_calls") + "\n\ndata: [DONE]\n\n");
             MockWebServer vision = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"forceUseImageAgent":true,
                      "Providers":[{"name":"main","api_base_url":"%s","api_key":"k1","models":["deepseek-chat"]},
                                   {"name":"vision","api_base_url":"%s","api_key":"k2","models":["qwen-vl"]}],
                      "Router":{"default":"main,deepseek-chat","image":"vision,qwen-vl"}}"""
                     .formatted(main.url("/v1/chat/completions"), Upstreams.url(vision, "/v1/chat/completions")))) {
            vision.enqueue(completion(DESCRIPTION, null));

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), router.port())) {
                byte[] body = request(true).getBytes(StandardCharsets.UTF_8);
                client.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().write(body);
                client.getOutputStream().flush();
                InputStream events = client.getInputStream();
                String seen = "";
                while (!seen.contains("Looking.")) {
                    seen += new String(events.readNBytes(1), StandardCharsets.UTF_8);
                }
            }

            main.releaseRest();

            // The client's departure shows at the agent's next write: the ping before the description or the next round.
            JsonNode records = JSON.missingNode();
            for (int i = 0; i < 50 && !records.toString().contains("\"httpStatus\":499"); i++) {
                Thread.sleep(100);
                records = JSON.readTree(router.get("/api/usage").body()).path("records");
            }
            assertThat(records.findValuesAsText("httpStatus")).contains("499");
            assertThat(records.size()).isLessThanOrEqualTo(3);
            assertThat(vision.getRequestCount()).isLessThanOrEqualTo(1);
        }
    }

    private static String toolCallChunk(int index, String call) {
        return "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + ","
                + call.strip().substring(1) + "]}}]}";
    }

    private static JsonNode usageRecords(RunningRouter router, int expected) throws Exception {
        JsonNode records = JSON.missingNode();
        for (int i = 0; i < 50 && records.size() < expected; i++) {
            records = JSON.readTree(router.get("/api/usage").body()).path("records");
            Thread.sleep(records.size() < expected ? 100 : 0);
        }
        assertThat(records).hasSize(expected);
        return records;
    }
}
