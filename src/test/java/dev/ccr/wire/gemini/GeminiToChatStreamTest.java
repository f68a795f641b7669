package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiToChatStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> run(String... events) {
        List<String> out = new ArrayList<>();
        GeminiToChatStream converter = new GeminiToChatStream(() -> "call_x");
        converter.atStart(e -> out.add(e.data()));
        for (String data : events) {
            converter.accept(e -> out.add(e.data()), new SseEvent(null, data));
        }
        converter.atEnd(e -> out.add(e.data()));
        return out;
    }

    @Test
    void oneChunkPerEventThenUsageAndDone() throws Exception {
        List<String> out = run(
                """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Hmm","thought":true}]}}],
                 "usageMetadata":{"promptTokenCount":10},"modelVersion":"gemini-2.5-pro","responseId":"r"}""",
                """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]}}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":1}}""",
                """
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"Read","args":{"p":1}}},
                   {"functionCall":{"id":"g2","name":"Grep","args":{}}}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":7,"thoughtsTokenCount":3}}""",
                "not json");
        assertThat(out).hasSize(5);
        JsonNode first = JSON.readTree(out.get(0));
        assertThat(first.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.get("model").asText()).isEqualTo("gemini-2.5-pro");
        assertThat(first.at("/choices/0/delta/reasoning_content").asText()).isEqualTo("Hmm");
        assertThat(first.at("/choices/0/finish_reason").isNull()).isTrue();
        assertThat(first.has("usage")).isFalse();
        assertThat(JSON.readTree(out.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Hello");
        JsonNode tools = JSON.readTree(out.get(2));
        assertThat(tools.at("/choices/0/delta/tool_calls/0/index").asInt()).isEqualTo(0);
        assertThat(tools.at("/choices/0/delta/tool_calls/0/id").asText()).isEqualTo("call_x");
        assertThat(tools.at("/choices/0/delta/tool_calls/0/function/arguments").asText()).isEqualTo("{\"p\":1}");
        assertThat(tools.at("/choices/0/delta/tool_calls/1/index").asInt()).isEqualTo(1);
        assertThat(tools.at("/choices/0/delta/tool_calls/1/id").asText()).isEqualTo("g2");
        assertThat(tools.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode usage = JSON.readTree(out.get(3));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(10);
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(10);
        assertThat(out.get(4)).isEqualTo("[DONE]");
    }

    @Test
    void signatureRidesOnCcrThinkingExtension() throws Exception {
        List<String> out = run("""
                {"candidates":[{"content":{"parts":[{"text":"plan","thought":true},{"text":"ok","thoughtSignature":"s1"}]},"finishReason":"MAX_TOKENS"}]}""");
        JsonNode chunk = JSON.readTree(out.get(0));
        assertThat(chunk.at("/choices/0/delta/thinking/content").asText()).isEqualTo("plan");
        assertThat(chunk.at("/choices/0/delta/thinking/signature").asText()).isEqualTo("s1");
        assertThat(chunk.at("/choices/0/delta").has("reasoning_content")).isFalse();
        assertThat(chunk.at("/choices/0/delta/content").asText()).isEqualTo("ok");
        assertThat(chunk.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void anErrorEventPassesThrough() {
        List<String> out = run("{\"error\":{\"code\":429,\"message\":\"quota\"}}");
        assertThat(out.getFirst()).isEqualTo("{\"error\":{\"code\":429,\"message\":\"quota\"}}");
    }
}
