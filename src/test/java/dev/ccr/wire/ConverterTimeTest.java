package dev.ccr.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.gemini.GeminiToChatResponse;
import dev.ccr.wire.gemini.GeminiToChatStream;
import dev.ccr.wire.responses.ResponsesToChatResponse;
import dev.ccr.wire.responses.ResponsesToChatStream;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The converters that stamp a time take it from the InstantSource they are given, never from the system clock. */
class ConverterTimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InstantSource NOON = InstantSource.fixed(Instant.parse("2026-12-02T12:00:00Z"));
    private static final long NOON_SECONDS = 1796212800L;

    @Test
    void geminiAnswersAndChunksAreStampedWithTheGivenTime() throws Exception {
        ObjectNode answer = (ObjectNode) JSON.readTree("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}]},"
                + "\"finishReason\":\"STOP\"}]}");
        assertThat(GeminiToChatResponse.convert(answer, () -> "call_1", NOON).path("created").asLong()).isEqualTo(NOON_SECONDS);

        List<SseEvent> out = new ArrayList<>();
        new GeminiToChatStream(() -> "call_1", NOON).accept(out::add, new SseEvent(null, answer.toString()));
        assertThat(JSON.readTree(out.getFirst().data()).path("created").asLong()).isEqualTo(NOON_SECONDS);
    }

    @Test
    void responsesAnswersWithoutATimeAndTheirChunksAreStampedWithTheGivenTime() throws Exception {
        ObjectNode answer = (ObjectNode) JSON.readTree("{\"id\":\"r\",\"model\":\"m\",\"status\":\"completed\",\"output\":["
                + "{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi\"}]}]}");
        assertThat(ResponsesToChatResponse.convert(answer, NOON).path("created").asLong()).isEqualTo(NOON_SECONDS);

        List<SseEvent> out = new ArrayList<>();
        new ResponsesToChatStream(NOON).accept(out::add, new SseEvent("response.output_text.delta",
                "{\"type\":\"response.output_text.delta\",\"item_id\":\"m1\",\"output_index\":0,\"delta\":\"hi\"}"));
        JsonNode chunk = JSON.readTree(out.getFirst().data());
        assertThat(chunk.path("created").asLong()).isEqualTo(NOON_SECONDS);
    }
}
