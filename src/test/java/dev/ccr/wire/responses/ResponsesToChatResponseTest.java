package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole Responses API answer becomes an OpenAI chat completion: the cases beside the golden answers of {@code WireMatrixTest}. */
class ResponsesToChatResponseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode convert(String response) throws Exception {
        return ResponsesToChatResponse.convert((ObjectNode) JSON.readTree(response));
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
