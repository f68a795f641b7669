package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Responses API stream events become OpenAI chat chunks: the cases beside the golden streams of {@code WireMatrixTest}. */
class ResponsesToChatStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> run(String... events) {
        List<String> out = new ArrayList<>();
        ResponsesToChatStream converter = new ResponsesToChatStream();
        converter.atStart(e -> out.add(e.data()));
        for (String data : events) {
            String type = data.replaceAll("(?s).*?\"type\":\"([^\"]+)\".*", "$1");
            converter.accept(e -> out.add(e.data()), new SseEvent(type, data));
        }
        converter.atEnd(e -> out.add(e.data()));
        return out;
    }

    @Test
    void incompleteFinishesWithLength() throws Exception {
        List<String> out = run(
                "{\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}",
                "{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}}}");
        assertThat(out).hasSize(3);
        assertThat(JSON.readTree(out.get(1)).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(out.get(2)).isEqualTo("[DONE]");
    }

    @Test
    void failedAndErrorEventsBecomeErrorChunks() throws Exception {
        List<String> out = run(
                "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}}",
                "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\",\"param\":null}");
        assertThat(JSON.readTree(out.get(0)).at("/error/message").asText()).isEqualTo("boom");
        JsonNode error = JSON.readTree(out.get(1)).get("error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("message").asText()).isEqualTo("slow down");
        assertThat(out.get(2)).isEqualTo("[DONE]");
    }

    @Test
    void doneEventsFillInWhatNoDeltaCarried() throws Exception {
        List<String> out = run(
                "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"content_index\":0,\"delta\":\"Hi\"}",
                "{\"type\":\"response.output_text.done\",\"item_id\":\"msg_1\",\"content_index\":0,\"text\":\"Hi\"}",
                "{\"type\":\"response.output_text.done\",\"item_id\":\"msg_2\",\"content_index\":0,\"text\":\"Late\"}",
                "{\"type\":\"response.output_item.added\",\"output_index\":2,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_a\",\"name\":\"Read\",\"arguments\":\"\"}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":2,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_a\",\"name\":\"Read\",\"arguments\":\"{}\"}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":3,\"item\":{\"type\":\"function_call\",\"id\":\"fc_2\",\"call_id\":\"call_b\",\"name\":\"Grep\",\"arguments\":\"{\\\"q\\\":1}\"}}",
                "{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\",\"output\":["
                        + "{\"type\":\"function_call\",\"id\":\"fc_2\",\"call_id\":\"call_b\",\"name\":\"Grep\",\"arguments\":\"{}\"},"
                        + "{\"type\":\"function_call\",\"id\":\"fc_3\",\"call_id\":\"call_c\",\"name\":\"Ls\",\"arguments\":\"{}\"}]}}");
        assertThat(out).hasSize(8);
        assertThat(JSON.readTree(out.get(0)).at("/choices/0/delta/content").asText()).isEqualTo("Hi");
        assertThat(JSON.readTree(out.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Late");
        assertThat(JSON.readTree(out.get(2)).at("/choices/0/delta/tool_calls/0/id").asText()).isEqualTo("call_a");
        assertThat(JSON.readTree(out.get(3)).at("/choices/0/delta/tool_calls/0/function/arguments").asText()).isEqualTo("{}");
        JsonNode grep = JSON.readTree(out.get(4)).at("/choices/0/delta/tool_calls/0");
        assertThat(grep.get("index").asInt()).isEqualTo(1);
        assertThat(grep.at("/function/arguments").asText()).isEqualTo("{\"q\":1}");
        JsonNode ls = JSON.readTree(out.get(5)).at("/choices/0/delta/tool_calls/0");
        assertThat(ls.get("index").asInt()).isEqualTo(2);
        assertThat(ls.get("id").asText()).isEqualTo("call_c");
        assertThat(JSON.readTree(out.get(6)).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(out.get(7)).isEqualTo("[DONE]");
    }

    @Test
    void completedRecoversTextWhenTheStreamCarriedNone() throws Exception {
        List<String> out = run("{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\",\"output\":["
                + "{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"All\"}]}]}}");
        assertThat(out).hasSize(3);
        assertThat(JSON.readTree(out.get(0)).at("/choices/0/delta/content").asText()).isEqualTo("All");
        assertThat(JSON.readTree(out.get(1)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }
}
