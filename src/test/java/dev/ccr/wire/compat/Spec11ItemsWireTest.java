package dev.ccr.wire.compat;

import static dev.ccr.wire.WireTestKit.assertJson;
import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.openai.AnthropicToChatRequest;
import dev.ccr.wire.openai.ChatRequestOptions;
import dev.ccr.wire.openai.ChatToAnthropicResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire-level items of the acceptance checklist (spec §11), one test per item, named by its number.
 *
 * <p>Where ccr deliberately differs from CCR the test says so and asserts ccr's behaviour: item 13 uses Anthropic's
 * error shape, item 22 maps {@code any} to {@code required}, item 25 forwards {@code stop_sequences} and
 * {@code top_p}; items 17 and 20 hold with the CCR-compatible options and drop {@code cache_control} and
 * {@code media_type} by default.
 */
class Spec11ItemsWireTest {

    private static final ChatRequestOptions CCR_LIKE = new ChatRequestOptions(true, true, false);

    private static ObjectNode request(String anthropicJson) {
        return AnthropicToChatRequest.convert(object(anthropicJson), ChatRequestOptions.defaults());
    }

    /* --------------- A. Core proxying --------------- */

    @Test
    void item02_nonStreamTextAnswer() {
        assertJson(ChatToAnthropicResponse.convert(object("""
                {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":2}}""")), """
                {"id":"x","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"Hi"}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":10,"output_tokens":2,"cache_read_input_tokens":0}}""");
    }

    @Test
    void item08_finishReasonMapping() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("\"stop\"", "end_turn");
        expected.put("\"length\"", "max_tokens");
        expected.put("\"tool_calls\"", "tool_use");
        expected.put("\"content_filter\"", "stop_sequence");
        expected.put("null", "end_turn");
        expected.put("\"something_new\"", "end_turn");
        expected.forEach((finish, stop) -> {
            ObjectNode nonStream = ChatToAnthropicResponse.convert(object("""
                    {"id":"x","model":"m","choices":[{"message":{"content":"a"},"finish_reason":%s}]}"""
                    .formatted(finish)));
            assertThat(nonStream.get("stop_reason").asText()).as("non-stream %s", finish).isEqualTo(stop);
        });
    }

    @Test
    void item09_usageMapping() {
        assertJson(ChatToAnthropicResponse.convert(object("""
                {"id":"x","model":"m","choices":[{"message":{"content":"a"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":40}}}"""))
                .get("usage"), """
                {"input_tokens":60,"output_tokens":5,"cache_read_input_tokens":40}""");
    }

    @Test
    void item12_nonStreamToolCallAndUnparsableArguments() {
        ObjectNode out = ChatToAnthropicResponse.convert(object("""
                {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":null,
                 "tool_calls":[{"id":"t1","type":"function","function":{"name":"Read","arguments":"{\\"p\\":1}"}}]},
                 "finish_reason":"tool_calls"}]}"""));
        assertJson(out.get("content"), """
                [{"type":"tool_use","id":"t1","name":"Read","input":{"p":1}}]""");
        assertJson(out.get("stop_reason"), "\"tool_use\"");

        assertJson(ChatToAnthropicResponse.convert(object("""
                {"id":"x","model":"m","choices":[{"message":{
                 "tool_calls":[{"id":"t1","type":"function","function":{"name":"Read","arguments":"{bad"}}]},
                 "finish_reason":"tool_calls"}]}""")).get("content"), """
                [{"type":"tool_use","id":"t1","name":"Read","input":{"text":"{bad"}}]""");
    }

    /* --------------- B. Request conversion --------------- */

    @Test
    void item17_systemStringAndSystemArrayBecomeTheFirstMessage() {
        assertJson(request("""
                {"model":"m","system":"S","messages":[{"role":"user","content":"q"}]}""").get("messages").get(0), """
                {"role":"system","content":"S"}""");

        String array = """
                {"model":"m","system":[{"type":"text","text":"A","cache_control":{"type":"ephemeral"}},
                 {"type":"text","text":""}],"messages":[]}""";
        assertJson(AnthropicToChatRequest.convert(object(array), CCR_LIKE).get("messages"), """
                [{"role":"system","content":[{"type":"text","text":"A","cache_control":{"type":"ephemeral"}}]}]""");
        // ccr default: cache_control is not sent to strict servers
        assertJson(request(array).get("messages"), """
                [{"role":"system","content":[{"type":"text","text":"A"}]}]""");
    }

    @Test
    void item18_toolResultBecomesAToolMessageBeforeTheUserText() {
        assertJson(request("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"R"}]},
                  {"type":"text","text":"next"}]}]}""").get("messages"), """
                [{"role":"tool","tool_call_id":"t1","content":"[{\\"type\\":\\"text\\",\\"text\\":\\"R\\"}]"},
                 {"role":"user","content":[{"type":"text","text":"next"}]}]""");
    }

    @Test
    void item19_assistantTextsAreJoinedAndToolUsesBecomeToolCalls() {
        assertJson(request("""
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"text","text":"a"},{"type":"text","text":"b"},
                  {"type":"tool_use","id":"t1","name":"Read","input":{"p":1}}]}]}""").get("messages"), """
                [{"role":"assistant","content":"a\\nb",
                  "tool_calls":[{"id":"t1","type":"function","function":{"name":"Read","arguments":"{\\"p\\":1}"}}]}]""");
    }

    @Test
    void item20_imagesBecomeImageUrlParts() {
        String request = """
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAA"}},
                  {"type":"image","source":{"type":"url","url":"https://x/y.png"}}]}]}""";
        assertJson(AnthropicToChatRequest.convert(object(request), CCR_LIKE).get("messages"), """
                [{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"},"media_type":"image/png"},
                  {"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]""");
        // ccr default: no media_type for strict servers
        assertJson(request(request).get("messages"), """
                [{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"}},
                  {"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]""");
    }

    @Test
    void item21_toolsBecomeFunctionsWithEmptyDescriptionWhenMissing() {
        assertJson(request("""
                {"model":"m","messages":[],"tools":[
                  {"name":"Read","description":"d","input_schema":{"type":"object"}},
                  {"name":"Bash","input_schema":{"type":"object"}}]}""").get("tools"), """
                [{"type":"function","function":{"name":"Read","description":"d","parameters":{"type":"object"}}},
                 {"type":"function","function":{"name":"Bash","description":"","parameters":{"type":"object"}}}]""");
    }

    @Test
    void item22_toolChoiceMapping_anyBecomesRequiredUnlikeCcr() {
        String tools = """
                "tools":[{"name":"X","input_schema":{"type":"object"}}]""";
        assertJson(request("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"X\"}}")
                .get("tool_choice"), """
                {"type":"function","function":{"name":"X"}}""");
        assertJson(request("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":{\"type\":\"auto\"}}")
                .get("tool_choice"), "\"auto\"");
        assertJson(request("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":{\"type\":\"any\"}}")
                .get("tool_choice"), "\"required\"");
    }

    @Test
    void item23_enabledThinkingBudgetMapsToReasoningEffort() {
        assertJson(thinkingWithBudget(1024), """
                {"effort":"low","enabled":true}""");
        assertJson(thinkingWithBudget(1025), """
                {"effort":"medium","enabled":true}""");
        assertJson(thinkingWithBudget(8193), """
                {"effort":"high","enabled":true}""");
        assertJson(thinkingWithBudget(0), """
                {"effort":"none","enabled":true}""");
    }

    private static com.fasterxml.jackson.databind.JsonNode thinkingWithBudget(int budget) {
        return request("{\"model\":\"m\",\"messages\":[],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":"
                + budget + "}}").get("reasoning");
    }

    @Test
    void item24_signedAssistantThinkingIsCarriedAndUnsignedIsDropped() {
        assertJson(request("""
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"thinking","thinking":"T","signature":"sig"},{"type":"text","text":"a"}]}]}""")
                .get("messages"), """
                [{"role":"assistant","content":"a","thinking":{"content":"T","signature":"sig"}}]""");
        assertJson(request("""
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"thinking","thinking":"T"},{"type":"text","text":"a"}]}]}""").get("messages"), """
                [{"role":"assistant","content":"a"}]""");
    }

    @Test
    void item25_stopSequencesAndTopPAreForwardedButTopKAndMetadataAreNot() {
        ObjectNode out = request("""
                {"model":"m","messages":[],"stop_sequences":["X"],"top_p":0.5,"top_k":3,
                 "metadata":{"user_id":"u"}}""");
        assertJson(out.get("stop"), "[\"X\"]");
        assertJson(out.get("top_p"), "0.5");
        assertThat(out.has("top_k")).isFalse();
        assertThat(out.has("metadata")).isFalse();
        assertThat(out.has("stop_sequences")).isFalse();
    }
}
