package dev.ccr.acceptance.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.SseText;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code openai-responses} transformer end to end: a provider configured with the built-in transformer, Responses SSE upstream. */
class OpenAiResponsesProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RESPONSES_SSE = """
            event: response.created
            data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","model":"gpt-5-codex","status":"in_progress","output":[]}}

            event: response.output_item.added
            data: {"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"msg_1","role":"assistant","status":"in_progress","content":[]}}

            event: response.output_text.delta
            data: {"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Reading "}

            event: response.output_text.delta
            data: {"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"the file."}

            event: response.output_item.added
            data: {"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"type":"function_call","id":"fc_1","call_id":"call_abc","name":"Read","arguments":"","status":"in_progress"}}

            event: response.function_call_arguments.delta
            data: {"type":"response.function_call_arguments.delta","sequence_number":5,"item_id":"fc_1","output_index":1,"delta":"{\\"file_path\\":"}

            event: response.function_call_arguments.delta
            data: {"type":"response.function_call_arguments.delta","sequence_number":6,"item_id":"fc_1","output_index":1,"delta":"\\"/tmp/a.txt\\"}"}

            event: response.completed
            data: {"type":"response.completed","sequence_number":7,"response":{"id":"resp_1","object":"response","model":"gpt-5-codex","status":"completed","usage":{"input_tokens":50,"input_tokens_details":{"cached_tokens":10},"output_tokens":12,"total_tokens":62}}}

            """;

    private static List<SseText.Event> events(String sse) {
        return SseText.jsonEvents(sse);
    }

    @Test
    void claudeCodeTalksToTheResponsesApiThroughTheBuiltInTransformer() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"o","api_base_url":"%s","api_key":"ok","models":["gpt-5-codex"],
                       "transformer":{"use":["openai-responses"]}}],
                      "Router":{"default":"o,gpt-5-codex"}}""".formatted(Upstreams.url(upstream, "/v1/responses")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(RESPONSES_SSE).build());

            var response = router.post("/v1/messages", """
                    {"model":"claude-sonnet-4-5","max_tokens":1000,"stream":true,"temperature":1,
                     "system":[{"type":"text","text":"You are Claude Code."}],
                     "thinking":{"type":"enabled","budget_tokens":2000},
                     "tools":[{"name":"Read","description":"Reads a file","input_schema":{
                        "type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]}}],
                     "messages":[{"role":"user","content":"Read /tmp/a.txt"}]}""");
            assertThat(response.statusCode()).isEqualTo(200);

            // What the Responses API received
            RecordedRequest sent = upstream.takeRequest();
            assertThat(sent.getTarget()).isEqualTo("/v1/responses");
            assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer ok");
            JsonNode body = JSON.readTree(sent.getBody().utf8());
            assertThat(body.has("messages")).isFalse();
            assertThat(body.has("temperature")).isFalse();
            assertThat(body.get("model").asText()).isEqualTo("gpt-5-codex");
            assertThat(body.get("stream").asBoolean()).isTrue();
            assertThat(body.get("store").asBoolean()).isFalse();
            assertThat(body.get("instructions").asText()).isEqualTo("You are Claude Code.");
            assertThat(body.at("/input/0/type").asText()).isEqualTo("message");
            assertThat(body.at("/input/0/role").asText()).isEqualTo("user");
            assertThat(body.at("/input/0/content/0/type").asText()).isEqualTo("input_text");
            assertThat(body.at("/input/0/content/0/text").asText()).isEqualTo("Read /tmp/a.txt");
            assertThat(body.at("/tools/0/type").asText()).isEqualTo("function");
            assertThat(body.at("/tools/0/name").asText()).isEqualTo("Read");
            assertThat(body.at("/tools/0/parameters/required/0").asText()).isEqualTo("file_path");
            assertThat(body.get("max_output_tokens").asInt()).isEqualTo(1000);
            assertThat(body.at("/reasoning/effort").asText()).isEqualTo("medium");
            assertThat(body.at("/reasoning/summary").asText()).isEqualTo("detailed");

            // What the client got: text and a tool_use, in Anthropic's event stream
            List<SseText.Event> events = events(response.body());
            assertThat(events.stream().map(SseText.Event::name).filter(n -> !n.equals("ping")).toList()).containsExactly(
                    "message_start",
                    "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                    "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                    "message_delta", "message_stop");
            List<JsonNode> starts = events.stream().filter(e -> e.name().equals("content_block_start"))
                    .map(e -> e.data().get("content_block")).toList();
            assertThat(starts.get(0).get("type").asText()).isEqualTo("text");
            assertThat(starts.get(1).get("type").asText()).isEqualTo("tool_use");
            assertThat(starts.get(1).get("name").asText()).isEqualTo("Read");
            assertThat(starts.get(1).get("id").asText()).isNotEmpty();
            List<JsonNode> deltas = events.stream().filter(e -> e.name().equals("content_block_delta"))
                    .map(e -> e.data().get("delta")).toList();
            assertThat(deltas.get(0).get("text").asText() + deltas.get(1).get("text").asText()).isEqualTo("Reading the file.");
            String json = deltas.get(2).get("partial_json").asText() + deltas.get(3).get("partial_json").asText();
            assertThat(JSON.readTree(json).get("file_path").asText()).isEqualTo("/tmp/a.txt");
            JsonNode messageDelta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow().data();
            assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
            assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(12);
            assertThat(messageDelta.at("/usage/input_tokens").asInt()).isEqualTo(40);
            assertThat(messageDelta.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(10);
        }
    }
}
