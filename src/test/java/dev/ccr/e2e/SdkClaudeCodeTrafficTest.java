package dev.ccr.e2e;

import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ccr.e2e.ClaudeCodeRequest.RECORDED;
import static dev.ccr.e2e.SdkAgainstRouter.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request shaped like Claude Code's real main-loop traffic, sent by the SDK through ccr to an OpenAI-dialect
 * provider: what the provider receives is a plain chat completions request (docs/compatibility.md, "Wire
 * conversion"), and the streamed answer parses in the SDK.
 */
class SdkClaudeCodeTrafficTest {
    /** A reasoning model's answer: reasoning, a sentence, a tool call split over chunks, then usage on its own. */
    private static final String[] ANSWER = {
            """
            {"id":"c9","model":"m","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"The converter "}}]}""",
            """
            {"id":"c9","model":"m","choices":[{"index":0,"delta":{"reasoning_content":"closes blocks in atEnd."}}]}""",
            """
            {"id":"c9","model":"m","choices":[{"index":0,"delta":{"content":"Let me look at atEnd."}}]}""",
            """
            {"id":"c9","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_grep","type":"function",
              "function":{"name":"Bash","arguments":"{\\"command\\":"}}]}}]}""",
            """
            {"id":"c9","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"grep -n atEnd "}}]}}]}""",
            """
            {"id":"c9","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"src/Converter.java\\"}"}}]}}]}""",
            """
            {"id":"c9","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            """
            {"id":"c9","model":"m","choices":[],"usage":{"prompt_tokens":18000,"completion_tokens":48,"total_tokens":18048,
              "prompt_tokens_details":{"cached_tokens":3000}}}"""};

    private SdkAgainstRouter ccr;

    @BeforeEach
    void start() {
        ccr = SdkAgainstRouter.start();
    }

    @AfterEach
    void stop() {
        ccr.close();
    }

    @Test
    void theSdkBuildersWriteTheRecordedClaudeCodeRequest() throws Exception {
        JsonNode written = json(ObjectMappers.jsonMapper().writeValueAsString(ClaudeCodeRequest.params()._body()));

        ObjectNode recorded = RECORDED.deepCopy();
        recorded.remove("stream"); // the SDK adds it when the request is sent with createStreaming
        assertThat(written).isEqualTo(recorded);
    }

    @Test
    void claudeCodesStreamingRequestReachesTheProviderAsAPlainChatCompletionsRequest() {
        ccr.answerStream(ANSWER);

        ccr.stream(ClaudeCodeRequest.params());
        JsonNode received = ccr.received();

        // 1. The system prompt comes first: the system blocks, in order, as one system message.
        JsonNode messages = received.get("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("system", "user", "system", "assistant", "tool");
        //    The billing header block is dropped (its hash would defeat the provider's prefix cache).
        assertThat(messages.get(0).get("content").findValuesAsText("text")).containsExactly(
                RECORDED.at("/system/1/text").asText(), RECORDED.at("/system/2/text").asText());
        // 2. The mid-conversation system message stays where Claude Code put it, after the first user turn.
        assertThat(messages.get(2)).isEqualTo(json("{\"role\":\"system\",\"content\":%s}".formatted(RECORDED.at("/messages/1/content"))));
        // 3. The earlier tool round trip, tied by id; UTF-8 survives.
        assertThat(messages.at("/3/tool_calls/0/id").asText()).isEqualTo("toolu_01A");
        assertThat(messages.at("/4/tool_call_id").asText()).isEqualTo("toolu_01A");
        assertThat(messages.at("/4/content").asText()).contains("caf\u00e9 \u65e5\u672c");
        // 4. 24 functions, each with its description and schema.
        assertThat(received.get("tools")).hasSize(24);
        for (int i = 0; i < 24; i++) {
            JsonNode tool = RECORDED.get("tools").get(i);
            assertThat(received.get("tools").get(i)).isEqualTo(json("""
                    {"type":"function","function":{"name":%s,"description":%s,"parameters":%s}}"""
                    .formatted(tool.get("name"), tool.get("description"), tool.get("input_schema"))));
        }
        // 5. Adaptive thinking with effort high: reasoning on at that effort (docs/compatibility.md).
        assertThat(received.get("reasoning")).isEqualTo(json("{\"effort\":\"high\",\"enabled\":true}"));
        assertThat(received.get("reasoning_effort").asText()).isEqualTo("high");
        // 6. Nothing a strict OpenAI-compatible server would reject; usage requested for the stream.
        assertThat(received.findValue("cache_control")).isNull();
        assertThat(received.has("thinking")).isFalse();
        assertThat(received.has("output_config")).isFalse();
        assertThat(received.has("context_management")).isFalse();
        assertThat(received.has("metadata")).isFalse();
        assertThat(received.get("model").asText()).isEqualTo("m");
        assertThat(received.get("max_tokens").asInt()).isEqualTo(64000);
        assertThat(received.get("stream").asBoolean()).isTrue();
        assertThat(received.get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
    }

    @Test
    void theStreamedAnswerToClaudeCodesRequestParsesInTheSdk() {
        ccr.answerStream(ANSWER);

        List<RawMessageStreamEvent> events = new ArrayList<>();
        Message message = ccr.sdk.stream(ClaudeCodeRequest.params(), MessageAccumulator.create(), events::add);

        assertThat(events.getFirst().isMessageStart()).isTrue();
        assertThat(events.getLast().isMessageStop()).isTrue();
        assertThat(message.content()).extracting(SdkClient::kind).containsExactly("thinking", "text", "tool_use");
        assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("The converter closes blocks in atEnd.");
        assertThat(message.content().get(1).asText().text()).isEqualTo("Let me look at atEnd.");
        ToolUseBlock grep = message.content().get(2).asToolUse();
        assertThat(grep.id()).isEqualTo("call_grep");
        assertThat(grep.name()).isEqualTo("Bash");
        assertThat(grep._input()).isEqualTo(JsonValue.from(Map.of("command", "grep -n atEnd src/Converter.java")));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(15_000);
        assertThat(message.usage().cacheReadInputTokens()).contains(3_000L);
        assertThat(message.usage().outputTokens()).isEqualTo(48);
    }
}
