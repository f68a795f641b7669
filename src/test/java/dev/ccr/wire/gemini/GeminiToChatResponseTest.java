package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole Gemini answer becomes an OpenAI chat completion: the cases beside the golden answers of {@code WireMatrixTest}. */
class GeminiToChatResponseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode convert(String gemini) throws Exception {
        return GeminiToChatResponse.convert((ObjectNode) JSON.readTree(gemini), () -> "call_1");
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
