package dev.ccr.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An Anthropic answer (vertex-claude's) turned into OpenAI chat form, whole and event by event. */
class AnthropicToChatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> convert(String... events) throws Exception {
        AnthropicToChatStream converter = new AnthropicToChatStream();
        List<SseEvent> out = new ArrayList<>();
        converter.atStart(out::add);
        for (String data : events) {
            converter.accept(out::add, new SseEvent(JSON.readTree(data).path("type").asText(), data));
        }
        converter.atEnd(out::add);
        List<JsonNode> chunks = new ArrayList<>();
        for (SseEvent e : out) {
            chunks.add(e.data().equals("[DONE]") ? JSON.getNodeFactory().textNode("[DONE]") : JSON.readTree(e.data()));
        }
        return chunks;
    }

    @Test
    void aStreamBecomesChunksWithReasoningSignatureTextToolCallsAndUsage() throws Exception {
        List<JsonNode> chunks = convert(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-x\",\"usage\":{\"input_tokens\":5,\"cache_read_input_tokens\":100,\"cache_creation_input_tokens\":20}}}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Hmm.\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}",
                "{\"type\":\"message_stop\"}");

        assertThat(chunks).hasSize(8);
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(0).get("id").asText()).isEqualTo("msg_1");
        assertThat(chunks.get(0).get("model").asText()).isEqualTo("claude-x");
        assertThat(chunks.get(1).at("/choices/0/delta/reasoning_content").asText()).isEqualTo("Hmm.");
        assertThat(chunks.get(2).at("/choices/0/delta/thinking/signature").asText()).isEqualTo("sig");
        assertThat(chunks.get(3).at("/choices/0/delta/content").asText()).isEqualTo("Hi");
        JsonNode call = chunks.get(4).at("/choices/0/delta/tool_calls/0");
        assertThat(call.get("index").asInt()).isZero();
        assertThat(call.get("id").asText()).isEqualTo("toolu_1");
        assertThat(call.at("/function/name").asText()).isEqualTo("Read");
        assertThat(chunks.get(5).at("/choices/0/delta/tool_calls/0/function/arguments").asText()).isEqualTo("{}");
        JsonNode last = chunks.get(6);
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(125);
        assertThat(last.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(100);
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(9);
        assertThat(chunks.get(7).asText()).isEqualTo("[DONE]");
    }

    @Test
    void anErrorEventBecomesAnErrorChunk() throws Exception {
        List<JsonNode> chunks = convert("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThat(chunks).singleElement().satisfies(c -> assertThat(c.at("/error/message").asText()).isEqualTo("Overloaded"));
    }

    @Test
    void aWholeMessageBecomesACompletionAndAnythingElsePassesUnchanged() throws Exception {
        ObjectNode completion = AnthropicToChatResponse.convert((ObjectNode) JSON.readTree("""
                {"id":"msg_2","type":"message","model":"claude-x","stop_reason":"max_tokens",
                 "content":[{"type":"thinking","thinking":"Hmm.","signature":"sig"},{"type":"text","text":"A"},
                            {"type":"redacted_thinking","data":"x"},{"type":"text","text":"B"},
                            {"type":"tool_use","id":"toolu_2","name":"Read","input":{"file_path":"/a"}}],
                 "usage":{"input_tokens":4,"output_tokens":2}}"""));

        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("AB");
        assertThat(completion.at("/choices/0/message/thinking/content").asText()).isEqualTo("Hmm.");
        assertThat(completion.at("/choices/0/message/thinking/signature").asText()).isEqualTo("sig");
        assertThat(completion.at("/choices/0/message/tool_calls/0/id").asText()).isEqualTo("toolu_2");
        assertThat(JSON.readTree(completion.at("/choices/0/message/tool_calls/0/function/arguments").asText()).get("file_path").asText())
                .isEqualTo("/a");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(completion.at("/usage/prompt_tokens").asInt()).isEqualTo(4);

        ObjectNode error = (ObjectNode) JSON.readTree("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}");
        assertThat(AnthropicToChatResponse.convert(error)).isEqualTo(error);
    }
}
