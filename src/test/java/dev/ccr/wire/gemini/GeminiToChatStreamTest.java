package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Gemini stream events become OpenAI chat chunks: the cases beside the golden streams of {@code WireMatrixTest}. */
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
