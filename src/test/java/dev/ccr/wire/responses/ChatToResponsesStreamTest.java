package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;

/** The Responses events for what {@code InboundAnswersTest}'s Anthropic answers never produce: interleaved calls, errors. */
class ChatToResponsesStreamTest {

    private static List<JsonNode> run(String... chunks) {
        List<JsonNode> out = new ArrayList<>();
        ChatToResponsesStream converter = new ChatToResponsesStream(1L);
        for (String chunk : chunks) {
            converter.accept(e -> out.add(object(e.data())), new SseEvent(null, chunk));
        }
        converter.atEnd(e -> out.add(object(e.data())));
        return out;
    }

    @Test
    void fragmentsOfAClosedCallJoinItsArgumentsWithoutADeltaAfterItsDone() {
        List<JsonNode> events = run(
                "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\"\"}}]}}]}",
                "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]}",
                "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}}]}",
                "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                "[DONE]");

        List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
        int firstDone = types.indexOf("response.output_item.done");
        assertThat(events.subList(firstDone, events.size())).noneMatch(e ->
                e.path("type").asText().equals("response.function_call_arguments.delta") && e.path("output_index").asInt() == 0);
        JsonNode completed = events.getLast();
        assertThat(completed.path("type").asText()).isEqualTo("response.completed");
        assertThat(completed.at("/response/output/0/arguments").asText()).isEqualTo("{\"x\":1}");
        assertThat(completed.at("/response/output/1/arguments").asText()).isEqualTo("{}");
        assertThat(completed.at("/response/output/1/call_id").asText()).isEqualTo("b");
    }

    @Test
    void anErrorChunkFailsTheResponseAndEndsIt() {
        List<JsonNode> events = run(
                "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}",
                "{\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}",
                "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"late\"}}]}");

        JsonNode last = events.getLast();
        assertThat(last.path("type").asText()).isEqualTo("response.failed");
        assertThat(last.at("/response/status").asText()).isEqualTo("failed");
        assertThat(last.at("/response/error/code").asText()).isEqualTo("overloaded_error");
        assertThat(last.at("/response/error/message").asText()).isEqualTo("busy");
    }
}
