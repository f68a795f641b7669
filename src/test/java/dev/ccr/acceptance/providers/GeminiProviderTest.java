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

/** The built-in {@code gemini} transformer end to end: a provider configured with the built-in transformer, Gemini SSE upstream. */
class GeminiProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String GEMINI_SSE = """
            data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Let me look.","thought":true}]}}],"usageMetadata":{"promptTokenCount":50},"modelVersion":"gemini-2.5-pro","responseId":"r1"}

            data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Reading the file."}]}}],"usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":4},"modelVersion":"gemini-2.5-pro","responseId":"r1"}

            data: {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"Read","args":{"file_path":"/tmp/a.txt"}}}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":12,"cachedContentTokenCount":10,"totalTokenCount":62},"modelVersion":"gemini-2.5-pro","responseId":"r1"}

            """;

    private static List<SseText.Event> events(String sse) {
        return SseText.jsonEvents(sse);
    }

    @Test
    void claudeCodeTalksToGeminiThroughTheBuiltInTransformer() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"g","api_base_url":"%s","api_key":"gk","models":["gemini-2.5-pro"],
                       "transformer":{"use":["gemini"]}}],
                      "Router":{"default":"g,gemini-2.5-pro"}}""".formatted(Upstreams.url(upstream, "/v1beta/models/")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(GEMINI_SSE).build());

            var response = router.post("/v1/messages", """
                    {"model":"claude-sonnet-4-5","max_tokens":1000,"stream":true,
                     "system":[{"type":"text","text":"You are Claude Code."}],
                     "thinking":{"type":"enabled","budget_tokens":2000},
                     "tools":[{"name":"Read","description":"Reads a file","input_schema":{
                        "$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
                        "properties":{"file_path":{"type":"string"}},"required":["file_path"]}}],
                     "messages":[{"role":"user","content":"Read /tmp/a.txt"}]}""");
            assertThat(response.statusCode()).isEqualTo(200);

            // What Gemini received
            RecordedRequest sent = upstream.takeRequest();
            assertThat(sent.getTarget()).isEqualTo("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
            assertThat(sent.getHeaders().get("x-goog-api-key")).isEqualTo("gk");
            assertThat(sent.getHeaders().get("Authorization")).isNull();
            JsonNode body = JSON.readTree(sent.getBody().utf8());
            assertThat(body.has("messages")).isFalse();
            assertThat(body.has("model")).isFalse();
            assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are Claude Code.");
            assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
            assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("Read /tmp/a.txt");
            JsonNode read = body.at("/tools/0/functionDeclarations/0");
            assertThat(read.get("name").asText()).isEqualTo("Read");
            assertThat(read.get("parameters").has("$schema")).isFalse();
            assertThat(read.get("parameters").has("additionalProperties")).isFalse();
            assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(1000);
            assertThat(body.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean()).isTrue();
            assertThat(body.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(8192);

            // What the client got: thinking, text and a tool_use, in Anthropic's event stream
            List<SseText.Event> events = events(response.body());
            assertThat(events.stream().map(SseText.Event::name).filter(n -> !n.equals("ping")).toList()).containsExactly(
                    "message_start",
                    "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                    "content_block_start", "content_block_delta", "content_block_stop",
                    "content_block_start", "content_block_delta", "content_block_stop",
                    "message_delta", "message_stop");
            List<JsonNode> starts = events.stream().filter(e -> e.name().equals("content_block_start"))
                    .map(e -> e.data().get("content_block")).toList();
            assertThat(starts.get(0).get("type").asText()).isEqualTo("thinking");
            assertThat(starts.get(1).get("type").asText()).isEqualTo("text");
            assertThat(starts.get(2).get("type").asText()).isEqualTo("tool_use");
            assertThat(starts.get(2).get("name").asText()).isEqualTo("Read");
            assertThat(starts.get(2).get("id").asText()).isNotEmpty();
            List<JsonNode> deltas = events.stream().filter(e -> e.name().equals("content_block_delta"))
                    .map(e -> e.data().get("delta")).toList();
            assertThat(deltas.get(0).get("thinking").asText()).isEqualTo("Let me look.");
            assertThat(deltas.get(2).get("text").asText()).isEqualTo("Reading the file.");
            assertThat(JSON.readTree(deltas.get(3).get("partial_json").asText()).get("file_path").asText())
                    .isEqualTo("/tmp/a.txt");
            JsonNode messageDelta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow().data();
            assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
            assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(12);
            assertThat(messageDelta.at("/usage/input_tokens").asInt()).isEqualTo(40);
            assertThat(messageDelta.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(10);
        }
    }
}
