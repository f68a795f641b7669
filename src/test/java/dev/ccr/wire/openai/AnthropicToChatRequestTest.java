package dev.ccr.wire.openai;

import static dev.ccr.wire.WireTestKit.assertJson;
import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireTestKit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Anthropic requests become OpenAI chat requests: CCR's own rules (docs/ccr-checklist.md, section B), then the
 * corrections over CCR (docs/compatibility.md, Wire conversion), one test each.
 */
class AnthropicToChatRequestTest {

    /** CCR's choices where ccr's defaults differ: cache_control and image media_type are sent. */
    private static final ChatRequestOptions CCR_LIKE = new ChatRequestOptions(true, true, false);

    private static ObjectNode convert(String anthropicJson) {
        return AnthropicToChatRequest.convert(object(anthropicJson), ChatRequestOptions.defaults());
    }

    private static ObjectNode convert(String anthropicJson, ChatRequestOptions options) {
        return AnthropicToChatRequest.convert(object(anthropicJson), options);
    }

    /* --------------- CCR's own rules (docs/ccr-checklist.md, section B) --------------- */

    @Tag("ccr-11.17")

    @Test

    void systemStringAndSystemArrayBecomeTheFirstMessage() {
        assertJson(convert("""
                {"model":"m","system":"S","messages":[{"role":"user","content":"q"}]}""").get("messages").get(0), """
                {"role":"system","content":"S"}""");

        String array = """
                {"model":"m","system":[{"type":"text","text":"A","cache_control":{"type":"ephemeral"}},
                 {"type":"text","text":""}],"messages":[]}""";
        assertJson(convert(array, CCR_LIKE).get("messages"), """
                [{"role":"system","content":[{"type":"text","text":"A","cache_control":{"type":"ephemeral"}}]}]""");
        // ccr default: cache_control is not sent to strict servers
        assertJson(convert(array).get("messages"), """
                [{"role":"system","content":[{"type":"text","text":"A"}]}]""");
    }

    @Tag("ccr-11.18")

    @Test

    void toolResultBecomesAToolMessageBeforeTheUserText() {
        assertJson(convert("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"R"}]},
                  {"type":"text","text":"next"}]}]}""").get("messages"), """
                [{"role":"tool","tool_call_id":"t1","content":"[{\\"type\\":\\"text\\",\\"text\\":\\"R\\"}]"},
                 {"role":"user","content":[{"type":"text","text":"next"}]}]""");
    }

    @Tag("ccr-11.19")

    @Test

    void assistantTextsAreJoinedAndToolUsesBecomeToolCalls() {
        assertJson(convert("""
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"text","text":"a"},{"type":"text","text":"b"},
                  {"type":"tool_use","id":"t1","name":"Read","input":{"p":1}}]}]}""").get("messages"), """
                [{"role":"assistant","content":"a\\nb",
                  "tool_calls":[{"id":"t1","type":"function","function":{"name":"Read","arguments":"{\\"p\\":1}"}}]}]""");
    }

    @Tag("ccr-11.20")

    @Test

    void imagesBecomeImageUrlParts() {
        String request = """
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAA"}},
                  {"type":"image","source":{"type":"url","url":"https://x/y.png"}}]}]}""";
        assertJson(convert(request, CCR_LIKE).get("messages"), """
                [{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"},"media_type":"image/png"},
                  {"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]""");
        // ccr default: no media_type for strict servers
        assertJson(convert(request).get("messages"), """
                [{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"}},
                  {"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]""");
    }

    @Tag("ccr-11.21")

    @Test

    void toolsBecomeFunctionsWithEmptyDescriptionWhenMissing() {
        assertJson(convert("""
                {"model":"m","messages":[],"tools":[
                  {"name":"Read","description":"d","input_schema":{"type":"object"}},
                  {"name":"Bash","input_schema":{"type":"object"}}]}""").get("tools"), """
                [{"type":"function","function":{"name":"Read","description":"d","parameters":{"type":"object"}}},
                 {"type":"function","function":{"name":"Bash","description":"","parameters":{"type":"object"}}}]""");
    }

    @Tag("ccr-11.22")

    @Test

    void toolChoiceMapping_anyBecomesRequiredUnlikeCcr() {
        String tools = """
                "tools":[{"name":"X","input_schema":{"type":"object"}}]""";
        assertJson(convert("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"X\"}}")
                .get("tool_choice"), """
                {"type":"function","function":{"name":"X"}}""");
        assertJson(convert("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":{\"type\":\"auto\"}}")
                .get("tool_choice"), "\"auto\"");
        assertJson(convert("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":{\"type\":\"any\"}}")
                .get("tool_choice"), "\"required\"");
    }

    @Tag("ccr-11.23")

    @Test

    void enabledThinkingBudgetMapsToReasoningEffort() {
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
        return convert("{\"model\":\"m\",\"messages\":[],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":"
                + budget + "}}").get("reasoning");
    }

    @Tag("ccr-11.24")

    @Test

    void signedAssistantThinkingIsCarriedAndUnsignedIsDropped() {
        assertJson(convert("""
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"thinking","thinking":"T","signature":"sig"},{"type":"text","text":"a"}]}]}""")
                .get("messages"), """
                [{"role":"assistant","content":"a","thinking":{"content":"T","signature":"sig"}}]""");
        assertJson(convert("""
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"thinking","thinking":"T"},{"type":"text","text":"a"}]}]}""").get("messages"), """
                [{"role":"assistant","content":"a"}]""");
    }

    @Tag("ccr-11.25")

    @Test

    void stopSequencesAndTopPAreForwardedButTopKAndMetadataAreNot() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"stop_sequences":["X"],"top_p":0.5,"top_k":3,
                 "metadata":{"user_id":"u"}}""");
        assertJson(out.get("stop"), "[\"X\"]");
        assertJson(out.get("top_p"), "0.5");
        assertThat(out.has("top_k")).isFalse();
        assertThat(out.has("metadata")).isFalse();
        assertThat(out.has("stop_sequences")).isFalse();
    }

    /* --------------- System messages --------------- */

    @Test
    void inConversationSystemMessageIsForwardedInPlaceAfterTheLeadingSystem() {
        ObjectNode out = convert("""
                {"model":"m","system":[{"type":"text","text":"S"}],"messages":[
                  {"role":"user","content":[{"type":"text","text":"hi"}]},
                  {"role":"system","content":"Available agent types for the Agent tool: ..."},
                  {"role":"assistant","content":"ok"},
                  {"role":"system","content":[{"type":"text","text":"late"},{"type":"text","text":""}]}]}""");
        assertJson(out.get("messages"), """
                [{"role":"system","content":[{"type":"text","text":"S"}]},
                 {"role":"user","content":[{"type":"text","text":"hi"}]},
                 {"role":"system","content":"Available agent types for the Agent tool: ..."},
                 {"role":"assistant","content":"ok"},
                 {"role":"system","content":[{"type":"text","text":"late"}]}]""");
    }

    @Test
    void systemArrayWithoutTextSendsNoEmptySystemMessage() {
        ObjectNode out = convert("""
                {"model":"m","system":[{"type":"text","text":""}],"messages":[{"role":"user","content":"q"}]}""");
        assertJson(out.get("messages"), """
                [{"role":"user","content":"q"}]""");
    }

    /* --------------- Thinking --------------- */

    @Test
    void disabledThinkingSendsNoReasoningField() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"thinking":{"type":"disabled"},"output_config":{"effort":"high"}}""");
        assertThat(out.has("reasoning")).isFalse();
        assertThat(out.has("reasoning_effort")).isFalse();
    }

    @Test
    void absentThinkingSendsNoReasoningField() {
        ObjectNode out = convert("""
                {"model":"m","messages":[]}""");
        assertThat(out.has("reasoning")).isFalse();
        assertThat(out.has("reasoning_effort")).isFalse();
    }

    @Test
    void enabledThinkingSendsReasoningWithTheBudgetsEffortOnly() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"thinking":{"type":"enabled","budget_tokens":31999},
                 "output_config":{"effort":"low"}}""");
        assertJson(out.get("reasoning"), """
                {"effort":"high","enabled":true}""");
        assertThat(out.has("reasoning_effort")).isFalse();
    }

    @Test
    void adaptiveThinkingSendsReasoningAndReasoningEffortFromOutputConfig() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"thinking":{"type":"adaptive"},"output_config":{"effort":"medium"}}""");
        assertJson(out.get("reasoning"), """
                {"effort":"medium","enabled":true}""");
        assertJson(out.get("reasoning_effort"), "\"medium\"");
    }

    @Test
    void adaptiveThinkingWithoutEffortReasonsHighButStatesNoReasoningEffort() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"thinking":{"type":"adaptive"}}""");
        assertJson(out.get("reasoning"), """
                {"effort":"high","enabled":true}""");
        assertThat(out.has("reasoning_effort")).isFalse();
    }

    @Test
    void adaptiveThinkingWithMaxEffortAsksForHigh() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"thinking":{"type":"adaptive"},"output_config":{"effort":"max"}}""");
        assertJson(out.get("reasoning_effort"), "\"high\"");
    }

    @Test
    void adaptiveThinkingWithExtraHighEffortAsksForHigh() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"thinking":{"type":"adaptive"},"output_config":{"effort":"xhigh"}}""");
        assertJson(out.get("reasoning_effort"), "\"high\"");
    }

    /* --------------- Output format, sampling, streaming --------------- */

    @Test
    void jsonSchemaOutputFormatBecomesResponseFormat() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"thinking":{"type":"disabled"},"tools":[],
                 "output_config":{"effort":"high","format":{"type":"json_schema","schema":
                   {"type":"object","properties":{"title":{"type":"string"}},"required":["title"],
                    "additionalProperties":false}}}}""");
        assertJson(out.get("response_format"), """
                {"type":"json_schema","json_schema":{"name":"response","schema":
                  {"type":"object","properties":{"title":{"type":"string"}},"required":["title"],
                   "additionalProperties":false}}}""");
        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("reasoning_effort")).isFalse();
    }

    @Test
    void jsonSchemaStrictFlagIsCarriedWhenGiven() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"output_format":{"type":"json_schema","strict":true,
                 "schema":{"type":"object"}}}""");
        assertJson(out.get("response_format"), """
                {"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object"},"strict":true}}""");
    }

    @Test
    void stopSequencesBecomeStop() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"stop_sequences":["END","\\n\\nHuman:"]}""");
        assertJson(out.get("stop"), """
                ["END","\\n\\nHuman:"]""");
    }

    @Test
    void topPIsForwarded() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"top_p":0.9}""");
        assertJson(out.get("top_p"), "0.9");
    }

    @Test
    void streamingCallsAskForAFinalUsageChunk() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"stream":true}""");
        assertJson(out.get("stream_options"), """
                {"include_usage":true}""");
    }

    @Test
    void streamUsageIsNotRequestedWhenTheOptionIsOffOrTheCallDoesNotStream() {
        ChatRequestOptions noUsage = new ChatRequestOptions(false, false, false);
        assertThat(convert("""
                {"model":"m","messages":[],"stream":true}""", noUsage).has("stream_options")).isFalse();
        assertThat(convert("""
                {"model":"m","messages":[],"stream":false}""").has("stream_options")).isFalse();
    }

    @Test
    void absentStreamIsSentAsFalse() {
        ObjectNode out = convert("""
                {"model":"m","messages":[]}""");
        assertJson(out.get("stream"), "false");
    }

    @Test
    void modelIsCopiedAsGiven() {
        ObjectNode out = convert("""
                {"model":"deepseek-chat","messages":[]}""");
        assertJson(out.get("model"), "\"deepseek-chat\"");
    }

    @Test
    void metadataContextManagementAndEffortAreNotForwarded() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"metadata":{"user_id":"{\\"session_id\\":\\"s\\"}"},
                 "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
                 "output_config":{"effort":"high"},"top_k":5,"service_tier":"auto"}""");
        assertThat(out.properties()).extracting(e -> e.getKey()).containsExactly("model", "messages", "stream");
    }

    /* --------------- Fields strict servers reject --------------- */

    @Test
    void cacheControlIsNotSentByDefault() {
        ObjectNode out = convert(withCacheControl());
        assertJson(out.get("messages"), """
                [{"role":"system","content":[{"type":"text","text":"S"}]},
                 {"role":"tool","content":"R","tool_call_id":"t1"},
                 {"role":"user","content":[{"type":"text","text":"q"}]}]""");
    }

    @Test
    void cacheControlIsKeptWhenTheOptionsAskForIt() {
        ObjectNode out = convert(withCacheControl(), new ChatRequestOptions(true, false, true));
        assertJson(out.get("messages"), """
                [{"role":"system","content":[{"type":"text","text":"S","cache_control":{"type":"ephemeral"}}]},
                 {"role":"tool","content":"R","tool_call_id":"t1","cache_control":{"type":"ephemeral"}},
                 {"role":"user","content":[{"type":"text","text":"q","cache_control":{"type":"ephemeral"}}]}]""");
    }

    private static String withCacheControl() {
        return """
                {"model":"m","system":[{"type":"text","text":"S","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"t1","content":"R","cache_control":{"type":"ephemeral"}},
                   {"type":"text","text":"q","cache_control":{"type":"ephemeral"}}]}],
                 "tools":[{"name":"Read","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}]}""";
    }

    @Test
    void imageMediaTypeIsNotSentByDefaultButKeptOnRequest() {
        String request = """
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}}]}]}""";
        assertJson(convert(request).get("messages"), """
                [{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"}}]}]""");
        assertJson(convert(request, new ChatRequestOptions(false, true, true)).get("messages"), """
                [{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"},
                  "media_type":"image/jpeg"}]}]""");
    }

    /* --------------- Tools --------------- */

    @Test
    void toolChoiceAnyBecomesRequired() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"tools":[{"name":"Read","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"any"}}""");
        assertJson(out.get("tool_choice"), "\"required\"");
    }

    @Test
    void toolChoiceIsNotSentWithoutTools() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"tools":[],"tool_choice":{"type":"auto"}}""");
        assertThat(out.has("tool_choice")).isFalse();
    }

    @Test
    void disabledParallelToolUseBecomesParallelToolCallsFalse() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"tools":[{"name":"Read","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"auto","disable_parallel_tool_use":true}}""");
        assertJson(out.get("tool_choice"), "\"auto\"");
        assertJson(out.get("parallel_tool_calls"), "false");
    }

    @Test
    void failedToolResultTellsTheModelItFailed() {
        ObjectNode out = convert("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","content":"No such file","is_error":true},
                  {"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"x"}],"is_error":true},
                  {"type":"tool_result","tool_use_id":"t3","is_error":true},
                  {"type":"tool_result","tool_use_id":"t4","content":"fine","is_error":false}]}]}""");
        assertJson(out.get("messages"), """
                [{"role":"tool","content":"Error: No such file","tool_call_id":"t1"},
                 {"role":"tool","content":"Error: [{\\"type\\":\\"text\\",\\"text\\":\\"x\\"}]","tool_call_id":"t2"},
                 {"role":"tool","content":"Error","tool_call_id":"t3"},
                 {"role":"tool","content":"fine","tool_call_id":"t4"}]""");
    }

    /* --------------- Thinking sent back --------------- */

    @Test
    void unsignedThinkingIsDroppedByDefaultAndCarriedWhenAsked() {
        String request = """
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"thinking","thinking":"hmm","signature":""},{"type":"text","text":"a"}]}]}""";
        assertJson(convert(request).get("messages"), """
                [{"role":"assistant","content":"a"}]""");
        assertJson(convert(request, new ChatRequestOptions(false, false, true, true)).get("messages"), """
                [{"role":"assistant","content":"a","thinking":{"content":"hmm"}}]""");
    }

    /* --------------- Real traffic --------------- */

    @Test
    void claudeCodeMainLoopRequestBecomesAPlainOpenAiRequest() throws Exception {
        ObjectNode in = (ObjectNode) Json.MAPPER.readTree(WireTestKit.resource("wire/claude-code-request.json"));
        in.put("model", "deepseek-chat"); // the pipeline converts for the routed model
        ObjectNode out = AnthropicToChatRequest.convert(in, ChatRequestOptions.defaults());

        assertThat(out.properties()).extracting(e -> e.getKey()).containsExactly(
                "model", "messages", "max_tokens", "stream", "stream_options", "tools", "reasoning", "reasoning_effort");
        assertThat(out.get("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "system", "assistant", "tool");
        assertThat(out.at("/messages/0/content")).hasSize(2); // the billing header is dropped
        assertThat(out.get("tools")).hasSize(24);
        assertJson(out.get("reasoning"), """
                {"effort":"high","enabled":true}""");
        assertThat(out.findValue("cache_control")).isNull();
        assertThat(out.findValue("metadata")).isNull();
        assertThat(out.at("/messages/4/content").asText()).contains("caf\u00e9 \u65e5\u672c");
    }

    /* --------------- Purity --------------- */

    @Test
    void resultSharesNoNodesWithTheInput() {
        ObjectNode in = object("""
                {"model":"m","messages":[{"role":"user","content":"q"}],
                 "tools":[{"name":"Read","input_schema":{"type":"object","properties":{}}}]}""");
        ObjectNode before = in.deepCopy();
        ObjectNode out = AnthropicToChatRequest.convert(in, ChatRequestOptions.defaults());
        ((ObjectNode) out.at("/tools/0/function/parameters")).put("additionalProperties", false);
        assertThat(in).isEqualTo(before);
    }

    /** ChatCompletions copies only the top level of the client's request before converting it: this is why it may. */
    @Test
    void noContainerOfAClaudeCodeRequestIsSharedWithTheResult() throws Exception {
        ObjectNode in = (ObjectNode) Json.MAPPER.readTree(WireTestKit.resource("wire/claude-code-request.json"));
        Set<JsonNode> inputContainers = containers(in);
        for (ChatRequestOptions options : List.of(ChatRequestOptions.defaults(), CCR_LIKE)) {
            Set<JsonNode> shared = containers(AnthropicToChatRequest.convert(in, options));
            shared.retainAll(inputContainers);
            assertThat(shared).isEmpty();
        }
    }

    private static Set<JsonNode> containers(JsonNode root) {
        Set<JsonNode> found = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isContainerNode()) {
                found.add(node);
                node.forEach(pending::push);
            }
        }
        return found;
    }
}
