package dev.ccr.wire.compat;

import static dev.ccr.wire.WireTestKit.assertEvents;
import static dev.ccr.wire.WireTestKit.assertJson;
import static dev.ccr.wire.WireTestKit.bytes;
import static dev.ccr.wire.WireTestKit.json;
import static dev.ccr.wire.WireTestKit.wire;
import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.AnthropicError;
import dev.ccr.wire.AnthropicStreams;
import dev.ccr.wire.WireTestKit;
import dev.ccr.wire.openai.AnthropicToChatRequest;
import dev.ccr.wire.openai.ChatRequestOptions;
import dev.ccr.wire.openai.ChatToAnthropicResponse;
import dev.ccr.wire.openai.ChatToAnthropicStream;
import dev.ccr.wire.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire-level items of the acceptance checklist (spec §11), one test per item, named by its number.
 *
 * <p>Where ccr deliberately differs from CCR the test says so and asserts ccr's behaviour: item 13 uses Anthropic's
 * error shape and item 14 checks the error body ccr renders (the HTTP status is the server's), item 22 maps {@code any} to {@code required}, item 25 forwards {@code stop_sequences} and
 * {@code top_p}; items 17 and 20 hold with the CCR-compatible options and drop {@code cache_control} and
 * {@code media_type} by default.
 */
class Spec11ItemsWireTest {

    private static final ChatRequestOptions CCR_LIKE = new ChatRequestOptions(true, true, false);

    private static final ChatToAnthropicStream.Options OPTIONS = new ChatToAnthropicStream.Options(0, () -> "msg_test");

    private static List<SseEvent> stream(String upstreamSse) {
        List<SseEvent> events = WireTestKit.run(() -> new ChatToAnthropicStream(OPTIONS), upstreamSse);
        AnthropicStreams.assertWellFormed(events);
        return events;
    }

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
            List<SseEvent> streamed = stream("""
                    data: {"model":"m","choices":[{"delta":{"content":"a"},"finish_reason":%s}]}

                    """.formatted(finish));
            assertThat(json(streamed.get(streamed.size() - 2).data()).at("/delta/stop_reason").asText())
                    .as("stream %s", finish).isEqualTo(stop);
        });
    }

    @Test
    void item09_usageMapping() {
        assertJson(ChatToAnthropicResponse.convert(object("""
                {"id":"x","model":"m","choices":[{"message":{"content":"a"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":40}}}"""))
                .get("usage"), """
                {"input_tokens":60,"output_tokens":5,"cache_read_input_tokens":40}""");
        List<SseEvent> streamed = stream("""
                data: {"model":"m","choices":[{"delta":{"content":"a"},"finish_reason":"stop"}],
                data: "usage":{"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":40}}}

                """);
        assertJson(json(streamed.get(streamed.size() - 2).data()).get("usage"), """
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

    @Test
    void item04_streamTextIsFramedExactlyAsCcrDoes() {
        List<SseEvent> events = stream("""
                data:{"model":"m","choices":[{"delta":{"content":"Hi"}}]}

                data:{"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":2}}

                data: [DONE]

                """);
        assertThat(new String(wire(events), StandardCharsets.UTF_8)).isEqualTo("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_test","type":"message","role":"assistant","content":[],\
                "model":"m","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},\
                "usage":{"input_tokens":10,"output_tokens":2,"cache_read_input_tokens":0}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
    }

    @Test
    void item05_streamedToolCallForwardsArgumentFragmentsVerbatim() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"Read","arguments":""}}]}}]}

                data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"file_"}}]}}]}

                data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"path\\":\\"a\\"}"}}]}}]}

                data: {"choices":[{"delta":{},"finish_reason":"tool_calls"}]}

                """);
        assertEvents(events.subList(1, events.size()), """
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"call_1","name":"Read","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"file_"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"path\\":\\"a\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":0,"output_tokens":0,"cache_read_input_tokens":0}}

                event: message_stop
                data: {"type":"message_stop"}
                """);
    }

    @Test
    void item06_textToolText_theSecondTextOpensIndexTwo() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"content":"a"}}]}

                data: {"choices":[{"delta":{"tool_calls":[{"index":0,"id":"t1","function":{"name":"Read","arguments":"{}"}}]}}]}

                data: {"choices":[{"delta":{"content":"b"}}]}

                data: {"choices":[{"delta":{},"finish_reason":"stop"}]}

                """);
        assertEvents(events.subList(1, events.size() - 2), """
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t1","name":"Read","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: content_block_start
                data: {"type":"content_block_start","index":2,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"b"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":2}
                """);
        AnthropicStreams.assertWellFormed(events);
    }

    @Test
    void item07_twoToolCallsBecomeTwoBlocksInOrder() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"id":"t1","function":{"name":"Read","arguments":"{\\"a\\":"}}]}}]}

                data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}}]}

                data: {"choices":[{"delta":{"tool_calls":[{"index":1,"id":"t2","function":{"name":"Bash","arguments":"{}"}}]}}]}

                data: {"choices":[{"delta":{},"finish_reason":"tool_calls"}]}

                """);
        assertEvents(events.subList(1, events.size() - 2), """
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t1","name":"Read","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\":"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"1}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t2","name":"Bash","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}
                """);
        assertJson(AnthropicStreams.accumulate(events).get("content"), """
                [{"type":"tool_use","id":"t1","name":"Read","input":{"a":1}},
                 {"type":"tool_use","id":"t2","name":"Bash","input":{}}]""");
    }

    @Test
    void item10_streamWithoutFinishChunkIsStillClosed() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"content":"cut"}}]}

                """);
        assertEvents(events.subList(3, events.size()), """
                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":0,"output_tokens":0,"cache_read_input_tokens":0}}

                event: message_stop
                data: {"type":"message_stop"}
                """);
        AnthropicStreams.assertWellFormed(events);
    }

    @Test
    void item11_trailingUsageCountsZerosDoNotEraseAndLateContentIsDropped() {
        String upstream = """
                data: {"model":"m","choices":[{"delta":{"content":"a"}}],"usage":null}

                data: {"choices":[{"delta":{},"finish_reason":"stop"}],"usage":null}

                data: {"choices":[{"delta":{"content":"LATE"}}]}

                data: {"choices":[],"usage":{"prompt_tokens":88017,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":88016}}}

                data: {"choices":[],"usage":{"prompt_tokens":0,"completion_tokens":0}}

                data: [DONE]

                """;
        String expectedEnd = """
                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":1,"output_tokens":3,"cache_read_input_tokens":88016}}

                event: message_stop
                data: {"type":"message_stop"}
                """;
        byte[] bytes = bytes(upstream);
        int usageChunk = upstream.indexOf("data: {\"choices\":[],");
        // 1. all in one network read; 2. the usage chunk in a later read than the finish chunk
        for (int[] cuts : new int[][] {{}, {usageChunk}}) {
            List<SseEvent> events = WireTestKit.run(() -> new ChatToAnthropicStream(OPTIONS), bytes, cuts);
            assertEvents(events.subList(events.size() - 2, events.size()), expectedEnd);
            assertThat(WireTestKit.render(events)).doesNotContain("LATE");
            AnthropicStreams.assertWellFormed(events);
        }
    }

    @Test
    void item13_errorChunkBecomesAnAnthropicErrorEventAndTheStreamGoesOn() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"content":"a"}}]}

                data: {"error":{"message":"boom"}}

                data: {"choices":[{"delta":{"content":"b"}}]}

                """);
        // ccr uses Anthropic's shape, not CCR's {"type":"error","message":{...}}
        assertEvents(events.subList(3, 5), """
                event: error
                data: {"type":"error","error":{"type":"api_error","message":"{\\"message\\":\\"boom\\"}"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"b"}}
                """);
        assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
    }

    @Test
    void item14_providerHttpErrorKeepsCcrsCodeAndMessageInAnthropicsShape() {
        AnthropicError error = AnthropicError.ofProviderResponse("p", "m", 429, "rate");
        assertJson(error.toJson(), """
                {"type":"error","error":{"type":"rate_limit_error","message":"Error from provider(p,m: 429): rate",
                 "code":"provider_response_error"}}""");
        assertThat(error.toJson().at("/error/message").asText()).startsWith("Error from provider(p,m: 429): rate");
        assertEvents(List.of(error.toEvent()), """
                event: error
                data: {"type":"error","error":{"type":"rate_limit_error","message":"Error from provider(p,m: 429): rate","code":"provider_response_error"}}
                """);
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
