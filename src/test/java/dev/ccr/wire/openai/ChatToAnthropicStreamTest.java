package dev.ccr.wire.openai;

import static dev.ccr.wire.WireTestKit.assertEvents;
import static dev.ccr.wire.WireTestKit.assertJson;
import static dev.ccr.wire.WireTestKit.bytes;
import static dev.ccr.wire.WireTestKit.json;
import static dev.ccr.wire.WireTestKit.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.wire.AnthropicStreams;
import dev.ccr.wire.WireTestKit;
import dev.ccr.wire.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streaming answers: the corrections over CCR (docs/compatibility.md, Wire conversion; issue 3 scope 2), one test
 * each; CCR's own rules are pinned by the golden streams of {@code WireMatrixTest}.
 */
class ChatToAnthropicStreamTest {

    private static final ChatToAnthropicStream.Options OPTIONS = new ChatToAnthropicStream.Options(0, () -> "msg_test");

    private static List<SseEvent> stream(String upstreamSse, int... cuts) {
        return stream(OPTIONS, upstreamSse, cuts);
    }

    private static List<SseEvent> stream(ChatToAnthropicStream.Options options, String upstreamSse, int... cuts) {
        List<SseEvent> events = WireTestKit.run(() -> new ChatToAnthropicStream(options), bytes(upstreamSse), cuts);
        AnthropicStreams.assertWellFormed(events);
        return events;
    }

    private static JsonNode messageDeltaUsage(List<SseEvent> events) {
        return json(events.get(events.size() - 2).data()).get("usage");
    }

    /* --------------- Usage --------------- */

    private static final String USAGE_IN_FINAL_CHUNK = """
            data: {"model":"m","choices":[{"delta":{"content":"a"},"finish_reason":null}],"usage":null}

            data: {"model":"m","choices":[{"delta":{},"finish_reason":"stop"}],"usage":null}

            data: {"model":"m","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":100}}}

            data: [DONE]

            """;

    @Test
    void usageFromASeparateFinalChunkInTheSameReadIsReported() {
        assertJson(messageDeltaUsage(stream(USAGE_IN_FINAL_CHUNK)), """
                {"input_tokens":20,"output_tokens":5,"cache_read_input_tokens":100}""");
    }

    @Test
    void usageFromASeparateFinalChunkInALaterReadIsReported() {
        int usageChunk = USAGE_IN_FINAL_CHUNK.indexOf("data: {\"model\":\"m\",\"choices\":[],");
        assertJson(messageDeltaUsage(stream(USAGE_IN_FINAL_CHUNK, usageChunk)), """
                {"input_tokens":20,"output_tokens":5,"cache_read_input_tokens":100}""");
    }

    @Test
    void zeroUsageNeverErasesEarlierValues() {
        assertJson(messageDeltaUsage(stream("""
                data: {"model":"m","choices":[{"delta":{"content":"a"},"finish_reason":"stop"}],"usage":{"prompt_tokens":50,"completion_tokens":4}}

                data: {"choices":[],"usage":{"prompt_tokens":0,"completion_tokens":0,"prompt_tokens_details":{"cached_tokens":0}}}

                data: {"choices":[],"usage":{"prompt_tokens":50,"completion_tokens":0,"prompt_tokens_details":{"cached_tokens":30}}}

                """)), """
                {"input_tokens":20,"output_tokens":4,"cache_read_input_tokens":30}""");
    }

    @Test
    void theEstimateIsTheInputUntilTheProviderReportsOne() {
        ChatToAnthropicStream.Options estimated = OPTIONS.withEstimatedInputTokens(1234);
        List<SseEvent> unreported = stream(estimated, """
                data: {"model":"m","choices":[{"delta":{"content":"a"},"finish_reason":"stop"}]}

                """);
        assertJson(json(unreported.get(0).data()).at("/message/usage"), """
                {"input_tokens":1234,"output_tokens":0}""");
        assertJson(messageDeltaUsage(unreported), """
                {"input_tokens":1234,"output_tokens":0,"cache_read_input_tokens":0}""");

        assertJson(messageDeltaUsage(stream(estimated, USAGE_IN_FINAL_CHUNK)), """
                {"input_tokens":20,"output_tokens":5,"cache_read_input_tokens":100}""");
    }

    /* --------------- Finish --------------- */

    @Test
    void contentAfterTheFinishChunkIsIgnored() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"content":"a"},"finish_reason":"stop"}]}

                data: {"choices":[{"delta":{"content":"LATE","reasoning_content":"LATE","tool_calls":[{"index":0,"id":"t","function":{"name":"LATE"}}]}}]}

                """);
        assertThat(render(events)).doesNotContain("LATE");
    }

    @Test
    void aMissingDoneIsFine() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"content":"a"},"finish_reason":"length"}]}

                """);
        assertThat(json(events.get(events.size() - 2).data()).at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void anUpstreamEndingMidThinkingIsClosedWithAnEmptySignature() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"reasoning_content":"hm"}}]}

                """);
        assertEvents(events.subList(2, events.size()), """
                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hm"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":""}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":0,"output_tokens":0,"cache_read_input_tokens":0}}

                event: message_stop
                data: {"type":"message_stop"}
                """);
    }

    @Test
    void anUpstreamThatSentNothingStillYieldsAWellFormedMessage() {
        assertEvents(stream(""), """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_test","type":"message","role":"assistant","content":[],"model":"unknown","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0}}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":0,"output_tokens":0,"cache_read_input_tokens":0}}

                event: message_stop
                data: {"type":"message_stop"}
                """);
    }

    @Test
    void atEndRunsOnceAndLaterEventsAreIgnored() {
        ChatToAnthropicStream converter = new ChatToAnthropicStream(OPTIONS);
        List<SseEvent> out = new ArrayList<>();
        converter.atEnd(out::add);
        converter.atEnd(out::add);
        converter.accept(out::add, new SseEvent(null, "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}"));
        assertThat(out).extracting(SseEvent::event).containsExactly("message_start", "message_delta", "message_stop");
    }

    /* --------------- Thinking --------------- */

    @Test
    void reasoningDeltasBecomeAThinkingBlockAndAreNotDoubledWhenSentUnderBothNames() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"reasoning":"R1"}}]}

                data: {"choices":[{"delta":{"reasoning":"R2","reasoning_content":"R2"}}]}

                """);
        assertJson(AnthropicStreams.accumulate(events).get("content"), """
                [{"type":"thinking","thinking":"R1R2","signature":""}]""");
    }

    /* --------------- Tool calls --------------- */

    @Test
    void textAfterAToolCallOpensANewBlock() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"id":"t1","function":{"name":"Read","arguments":"{}"}}]}}]}

                data: {"choices":[{"delta":{"content":"done"}}]}

                """);
        assertJson(AnthropicStreams.accumulate(events).get("content"), """
                [{"type":"tool_use","id":"t1","name":"Read","input":{}},{"type":"text","text":"done"}]""");
    }

    @Test
    void aSecondDeltaForTheSameToolInOneChunkIsForwarded() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"id":"t1","function":{"name":"Read","arguments":"{\\"p\\""}},{"index":0,"function":{"arguments":":1}"}}]}}]}

                """);
        assertJson(AnthropicStreams.accumulate(events).get("content"), """
                [{"type":"tool_use","id":"t1","name":"Read","input":{"p":1}}]""");
    }

    @Test
    void argumentsSplitInsideAUtf8CharacterAcrossReadsArriveIntact() {
        String upstream = """
                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"id":"t1","function":{"name":"Write","arguments":"{\\"t\\":\\"caf"}}]}}]}

                data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"é 日本\\"}"}}]}}]}

                data: {"choices":[{"delta":{"tool_calls":[{"index":1,"id":"t2","function":{"name":"Read","arguments":"{}"}}]}}]}

                """;
        byte[] b = bytes(upstream);
        int e = indexOf(b, "é".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + 1;
        int ja = indexOf(b, "日".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + 2;
        List<SseEvent> events = stream(upstream, e, ja);
        assertJson(AnthropicStreams.accumulate(events).get("content"), """
                [{"type":"tool_use","id":"t1","name":"Write","input":{"t":"café 日本"}},
                 {"type":"tool_use","id":"t2","name":"Read","input":{}}]""");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void aProviderReusingIndexZeroWithNewIdsStartsNewCalls() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"Read","arguments":"{\\"p\\":1}"}}]}}]}

                data: {"choices":[{"delta":{"tool_calls":[{"id":"b","function":{"name":"Read","arguments":"{\\"p\\":2}"}}]}}]}

                data: {"choices":[{"delta":{},"finish_reason":"tool_calls"}]}

                """);
        assertJson(AnthropicStreams.accumulate(events).get("content"), """
                [{"type":"tool_use","id":"a","name":"Read","input":{"p":1}},
                 {"type":"tool_use","id":"b","name":"Read","input":{"p":2}}]""");
    }

    @Test
    void eachArgumentFragmentIsEmittedBeforeTheNextChunkArrives() {
        ChatToAnthropicStream converter = new ChatToAnthropicStream(OPTIONS);
        List<SseEvent> out = new ArrayList<>();
        converter.atStart(out::add);
        converter.accept(out::add, new SseEvent(null, """
                {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"id":"t","function":{"name":"W","arguments":"{\\"a"}}]}}]}"""));
        assertThat(out).extracting(SseEvent::event)
                .containsExactly("message_start", "content_block_start", "content_block_delta");
        converter.accept(out::add, new SseEvent(null, """
                {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\":1}"}}]}}]}"""));
        assertThat(out).hasSize(4);
        assertJson(json(out.get(3).data()).get("delta"), """
                {"type":"input_json_delta","partial_json":"\\":1}"}""");
    }

    /* --------------- Reads, errors, ids --------------- */

    @Test
    void manyChunksInOneReadGiveTheSameEventsAsOneChunkPerRead() {
        String upstream = new String(WireTestKit.resource("wire/openai-text-two-tools.sse"),
                java.nio.charset.StandardCharsets.UTF_8);
        List<Integer> boundaries = new ArrayList<>();
        for (int i = upstream.indexOf("\n\n"); i >= 0; i = upstream.indexOf("\n\n", i + 2)) {
            boundaries.add(bytes(upstream.substring(0, i + 2)).length);
        }
        int[] perChunk = boundaries.stream().mapToInt(Integer::intValue).toArray();
        assertThat(render(stream(upstream))).isEqualTo(render(stream(upstream, perChunk)));
    }

    @Test
    void anErrorChunkUsesAnthropicsErrorShapeEvenBeforeTheFirstChunk() {
        List<SseEvent> events = WireTestKit.run(() -> new ChatToAnthropicStream(OPTIONS), """
                data: {"error":{"message":"Rate limit reached","type":"requests","code":"429"}}

                data: {"error":"overloaded"}

                """);
        assertEvents(events.subList(0, 2), """
                event: error
                data: {"type":"error","error":{"type":"api_error","message":"{\\"message\\":\\"Rate limit reached\\",\\"type\\":\\"requests\\",\\"code\\":\\"429\\"}"}}

                event: error
                data: {"type":"error","error":{"type":"api_error","message":"overloaded"}}
                """);
        AnthropicStreams.assertWellFormed(events);
    }

    @Test
    void nonJsonDataAndCommentsAreSkipped() {
        List<SseEvent> events = stream("""
                : keep-alive

                data: not json

                data: {"model":"m","choices":[{"delta":{"content":"a"}}]}

                data: [DONE]

                """);
        assertJson(AnthropicStreams.accumulate(events).get("content"), """
                [{"type":"text","text":"a"}]""");
    }

    @Test
    void defaultMessageIdsAreUniqueMsgIds() {
        String first = json(WireTestKit.run(() -> new ChatToAnthropicStream(ChatToAnthropicStream.Options.defaults()), "")
                .get(0).data()).at("/message/id").asText();
        String second = json(WireTestKit.run(() -> new ChatToAnthropicStream(ChatToAnthropicStream.Options.defaults()), "")
                .get(0).data()).at("/message/id").asText();
        assertThat(first).matches("msg_[0-9a-f]{24}").isNotEqualTo(second);
    }

    /* --------------- Parallel tool calls and refusals --------------- */

    @Test
    void interleavedFragmentsOfParallelCallsAllReachTheirBlocks() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"Read","arguments":"{\\"p\\":"}},{"index":1,"id":"b","function":{"name":"Bash","arguments":"{\\"c\\":"}}]}}]}

                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}},{"index":1,"function":{"arguments":"2}"}}]}}]}

                data: {"model":"m","choices":[{"delta":{"tool_calls":[{"index":2,"id":"c","function":{"name":"Grep","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}

                """);
        JsonNode message = AnthropicStreams.accumulate(events);
        assertJson(message.get("content"), """
                [{"type":"tool_use","id":"a","name":"Read","input":{"p":1}},
                 {"type":"tool_use","id":"b","name":"Bash","input":{"c":2}},
                 {"type":"tool_use","id":"c","name":"Grep","input":{}}]""");
    }

    @Test
    void aRefusalIsStreamedAsText() {
        List<SseEvent> events = stream("""
                data: {"model":"m","choices":[{"delta":{"refusal":"I can't help with that."},"finish_reason":"stop"}]}

                """);
        assertJson(AnthropicStreams.accumulate(events).get("content"), """
                [{"type":"text","text":"I can't help with that."}]""");
    }
}
