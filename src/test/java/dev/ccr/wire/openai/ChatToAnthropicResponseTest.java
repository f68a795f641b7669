package dev.ccr.wire.openai;

import static dev.ccr.wire.WireTestKit.assertJson;
import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireException;
import org.junit.jupiter.api.Test;

/**
 * Non-streaming answers: the corrections over CCR (docs/compatibility.md, Wire conversion), one test each; CCR's own
 * rules are pinned by the golden answers of {@code WireMatrixTest}.
 */
class ChatToAnthropicResponseTest {

    private static ObjectNode convert(String chatJson) {
        return ChatToAnthropicResponse.convert(object(chatJson));
    }

    @Test
    void reasoningContentBecomesAnUnsignedThinkingBlockBeforeTheText() {
        assertJson(convert("""
                {"id":"x","model":"deepseek-reasoner","choices":[{"index":0,"message":{"role":"assistant",
                 "reasoning_content":"Let me think.","content":"Hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":7}}"""), """
                {"id":"x","type":"message","role":"assistant","model":"deepseek-reasoner",
                 "content":[{"type":"thinking","thinking":"Let me think.","signature":""},{"type":"text","text":"Hi"}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":10,"output_tokens":7,"cache_read_input_tokens":0}}""");
    }

    @Test
    void reasoningFieldBecomesAThinkingBlockToo() {
        assertJson(convert("""
                {"id":"x","model":"m","choices":[{"message":{"reasoning":"R","content":"Hi"},"finish_reason":"stop"}]}""")
                .get("content"), """
                [{"type":"thinking","thinking":"R","signature":""},{"type":"text","text":"Hi"}]""");
    }

    @Test
    void reasoningSentUnderBothNamesAppearsOnce() {
        assertJson(convert("""
                {"id":"x","model":"m","choices":[{"message":{"reasoning_content":"R","reasoning":"R","content":"Hi"},
                 "finish_reason":"stop"}]}""").get("content"), """
                [{"type":"thinking","thinking":"R","signature":""},{"type":"text","text":"Hi"}]""");
    }

    @Test
    void ccrThinkingExtensionKeepsItsSignatureAndComesFirst() {
        assertJson(convert("""
                {"id":"x","model":"m","choices":[{"message":{"content":"Hi",
                 "tool_calls":[{"id":"t1","type":"function","function":{"name":"Read","arguments":"{}"}}],
                 "thinking":{"content":"T","signature":"sig"}},"finish_reason":"tool_calls"}]}""").get("content"), """
                [{"type":"thinking","thinking":"T","signature":"sig"},{"type":"text","text":"Hi"},
                 {"type":"tool_use","id":"t1","name":"Read","input":{}}]""");
    }

    @Test
    void bodyWithoutChoicesIsAWireExceptionCarryingTheBody() {
        assertThatThrownBy(() -> convert("""
                {"error":{"message":"quota exceeded"}}"""))
                .isInstanceOf(WireException.class)
                .hasMessageContaining("{\"error\":{\"message\":\"quota exceeded\"}}");
        assertThatThrownBy(() -> convert("""
                {"id":"x","choices":[]}""")).isInstanceOf(WireException.class);
    }

    @Test
    void toolArgumentsThatAreNotAJsonObjectAreWrappedAsText() {
        assertJson(convert("""
                {"id":"x","model":"m","choices":[{"message":{"tool_calls":[
                  {"id":"a","function":{"name":"A","arguments":{"p":1}}},
                  {"id":"b","function":{"name":"B"}},
                  {"id":"c","function":{"name":"C","arguments":"[1,2]"}},
                  {"id":"d","function":{"name":"D","arguments":""}}]},"finish_reason":"tool_calls"}]}""")
                .get("content"), """
                [{"type":"tool_use","id":"a","name":"A","input":{"p":1}},
                 {"type":"tool_use","id":"b","name":"B","input":{}},
                 {"type":"tool_use","id":"c","name":"C","input":{"text":"[1,2]"}},
                 {"type":"tool_use","id":"d","name":"D","input":{}}]""");
    }

    @Test
    void missingIdGetsAFreshMessageIdAndMissingUsageIsZero() {
        ObjectNode out = convert("""
                {"choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}}]}""");
        assertThat(out.get("id").asText()).matches("msg_[0-9a-f]{24}");
        assertJson(out.get("content"), """
                [{"type":"text","text":"ab"}]""");
        assertJson(out.get("usage"), """
                {"input_tokens":0,"output_tokens":0,"cache_read_input_tokens":0}""");
        assertJson(out.get("model"), "\"unknown\"");
    }

    @Test
    void deepSeekCacheHitTokensCountAsCacheReads() {
        assertJson(convert("""
                {"id":"x","model":"m","choices":[{"message":{"content":"a"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":5,"prompt_cache_hit_tokens":64}}""").get("usage"), """
                {"input_tokens":36,"output_tokens":5,"cache_read_input_tokens":64}""");
    }

    @Test
    void urlCitationsBecomeAWebSearchAndItsResults() {
        ObjectNode out = convert("""
                {"id":"x","model":"m","choices":[{"message":{"content":"See",
                 "annotations":[{"type":"url_citation","url_citation":{"url":"https://a","title":"A"}}]},
                 "finish_reason":"stop"}]}""");
        String id = out.at("/content/0/id").asText();
        assertThat(id).startsWith("srvtoolu_");
        assertJson(out.get("content"), """
                [{"type":"server_tool_use","id":"%s","name":"web_search","input":{"query":""}},
                 {"type":"web_search_tool_result","tool_use_id":"%s",
                  "content":[{"type":"web_search_result","url":"https://a","title":"A"}]},
                 {"type":"text","text":"See"}]""".formatted(id, id));
    }
}
