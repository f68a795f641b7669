package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiToChatResponseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode convert(String gemini) throws Exception {
        return GeminiToChatResponse.convert((ObjectNode) JSON.readTree(gemini), () -> "call_1");
    }

    @Test
    void textThoughtsToolCallsUsage() throws Exception {
        JsonNode out = convert("""
                {"candidates":[{"content":{"role":"model","parts":[
                   {"text":"Let me think.","thought":true},
                   {"text":"I will read it."},
                   {"functionCall":{"name":"Read","args":{"path":"a.txt"}},"thoughtSignature":"sig"}]},
                  "finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"thoughtsTokenCount":5,
                   "cachedContentTokenCount":40,"totalTokenCount":125},
                 "modelVersion":"gemini-2.5-pro","responseId":"r1"}""");
        assertThat(out.get("object").asText()).isEqualTo("chat.completion");
        assertThat(out.get("id").asText()).isEqualTo("r1");
        assertThat(out.get("model").asText()).isEqualTo("gemini-2.5-pro");
        JsonNode message = out.at("/choices/0/message");
        assertThat(message.get("content").asText()).isEqualTo("I will read it.");
        assertThat(message.get("reasoning_content").asText()).isEqualTo("Let me think.");
        assertThat(message.at("/thinking/signature").asText()).isEqualTo("sig");
        assertThat(message.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
        assertThat(message.at("/tool_calls/0/type").asText()).isEqualTo("function");
        assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("Read");
        assertThat(message.at("/tool_calls/0/function/arguments").asText()).isEqualTo("{\"path\":\"a.txt\"}");
        assertThat(message.at("/tool_calls/0").has("index")).isFalse();
        assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(out.at("/usage/prompt_tokens").asInt()).isEqualTo(100);
        assertThat(out.at("/usage/completion_tokens").asInt()).isEqualTo(25);
        assertThat(out.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(40);
    }

    @Test
    void finishReasons() throws Exception {
        assertThat(convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\"STOP\"}]}")
                .at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\"MAX_TOKENS\"}]}")
                .at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(convert("{\"candidates\":[{\"finishReason\":\"SAFETY\"}]}")
                .at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(convert("{\"candidates\":[{\"finishReason\":\"RECITATION\"}]}")
                .at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        JsonNode blocked = convert("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}");
        assertThat(blocked.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(blocked.at("/choices/0/message/content").isNull()).isTrue();
    }

    @Test
    void anErrorObjectPassesUnchanged() throws Exception {
        JsonNode out = convert("{\"error\":{\"code\":500,\"message\":\"boom\"}}");
        assertThat(out.toString()).isEqualTo("{\"error\":{\"code\":500,\"message\":\"boom\"}}");
    }
}
