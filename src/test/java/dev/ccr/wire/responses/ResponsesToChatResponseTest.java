package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponsesToChatResponseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode convert(String response) throws Exception {
        return ResponsesToChatResponse.convert((ObjectNode) JSON.readTree(response));
    }

    @Test
    void outputItemsBecomeOneChatMessage() throws Exception {
        JsonNode chat = convert("""
                {"id":"resp_1","object":"response","created_at":1700000000,"model":"gpt-5-codex","status":"completed",
                 "output":[
                   {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Plan A"},{"type":"summary_text","text":"Plan B"}]},
                   {"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"Hello ","annotations":[]},{"type":"output_text","text":"there"}]},
                   {"type":"function_call","id":"fc_1","call_id":"call_9","name":"Read","arguments":"{\\"p\\":1}","status":"completed"}],
                 "usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":40},"output_tokens":20,
                          "output_tokens_details":{"reasoning_tokens":8},"total_tokens":120}}""");
        assertThat(chat.get("id").asText()).isEqualTo("resp_1");
        assertThat(chat.get("object").asText()).isEqualTo("chat.completion");
        assertThat(chat.get("created").asLong()).isEqualTo(1700000000L);
        assertThat(chat.get("model").asText()).isEqualTo("gpt-5-codex");
        JsonNode message = chat.at("/choices/0/message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("content").asText()).isEqualTo("Hello there");
        assertThat(message.get("reasoning_content").asText()).isEqualTo("Plan A\n\nPlan B");
        assertThat(message.at("/tool_calls/0/id").asText()).isEqualTo("call_9");
        assertThat(message.at("/tool_calls/0/type").asText()).isEqualTo("function");
        assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("Read");
        assertThat(message.at("/tool_calls/0/function/arguments").asText()).isEqualTo("{\"p\":1}");
        assertThat(chat.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(chat.at("/usage/prompt_tokens").asInt()).isEqualTo(100);
        assertThat(chat.at("/usage/completion_tokens").asInt()).isEqualTo(20);
        assertThat(chat.at("/usage/total_tokens").asInt()).isEqualTo(120);
        assertThat(chat.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(40);
        assertThat(chat.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void incompleteMeansLengthAndNoTextMeansNullContent() throws Exception {
        JsonNode chat = convert("""
                {"id":"r","model":"m","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},
                 "output":[{"type":"reasoning","summary":[]}]}""");
        assertThat(chat.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(chat.at("/choices/0/message").has("reasoning_content")).isFalse();
        assertThat(chat.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(chat.has("usage")).isFalse();

        JsonNode stop = convert("{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]}]}");
        assertThat(stop.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void aFailedResponseBecomesAnError() throws Exception {
        JsonNode chat = convert("{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"},\"output\":[]}");
        assertThat(chat.toString()).isEqualTo("{\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}");
    }

    @Test
    void aChatCompletionPassesUnchanged() throws Exception {
        String chat = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[]}";
        assertThat(convert(chat).toString()).isEqualTo(chat);
    }
}
