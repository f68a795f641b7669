package dev.ccr.e2e;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.ThinkingConfigEnabled;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ccr.e2e.SdkAgainstRouter.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Anthropic Java SDK talks to ccr as it would to Anthropic, while ccr's provider speaks OpenAI chat
 * completions: a plain call, a stream the SDK accumulates, and a tool-use round trip (issue 3, "Must show").
 */
class SdkMessagesTest {
    private static final Tool READ = Tool.builder()
            .name("Read")
            .description("Reads a file from the local filesystem.")
            .inputSchema(Tool.InputSchema.builder()
                    .properties(JsonValue.from(Map.of("file_path", Map.of("type", "string"))))
                    .addRequired("file_path")
                    .build())
            .build();

    private SdkAgainstRouter ccr;

    @BeforeEach
    void start() {
        ccr = SdkAgainstRouter.start();
    }

    @AfterEach
    void stop() {
        ccr.close();
    }

    /* --------------- Non-streaming --------------- */

    @Test
    void aPlainCallReturnsTheProvidersTextStopReasonAndUsageAsAMessage() {
        ccr.answerJson("""
                {"id":"chatcmpl-1","object":"chat.completion","model":"m","choices":[{"index":0,
                  "message":{"role":"assistant","content":"Hello from m."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":2}}}""");

        Message message = ccr.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-5")
                .maxTokens(1024)
                .addUserMessage("Say hi")
                .build());

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().text()).hasValueSatisfying(text -> assertThat(text.text()).isEqualTo("Hello from m."));
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(10);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        assertThat(message.usage().cacheReadInputTokens()).contains(2L);

        RecordedRequest received = ccr.takeRequest();
        assertThat(received.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(received.getHeaders().get("authorization")).isEqualTo("Bearer k");
        assertThat(json(received.getBody().utf8())).isEqualTo(json("""
                {"model":"m","messages":[{"role":"user","content":"Say hi"}],"max_tokens":1024,"stream":false}"""));
    }

    /* --------------- Streaming --------------- */

    @Test
    void aStreamAccumulatesIntoThinkingTextAndAToolCallWithStopReasonAndUsage() {
        ccr.answerStream(
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"The user wants"}}]}""",
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{"reasoning_content":" the file."}}]}""",
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"I'll read "}}]}""",
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"it."}}]}""",
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function",
                  "function":{"name":"Read","arguments":""}}]}}]}""",
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"file_"}}]}}]}""",
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"path\\":\\"/tmp/caf"}}]}}]}""",
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"é.txt\\"}"}}]}}]}""",
                """
                {"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
                """
                {"id":"c1","model":"m","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42,
                  "prompt_tokens_details":{"cached_tokens":4}}}""");

        Message message = ccr.stream(MessageCreateParams.builder()
                .model("claude-sonnet-5")
                .maxTokens(4096)
                .thinking(ThinkingConfigEnabled.builder().budgetTokens(2048).build())
                .addTool(READ)
                .addUserMessage("Read /tmp/café.txt")
                .build());

        assertThat(message.content()).extracting(SdkClient::kind).containsExactly("thinking", "text", "tool_use");
        ThinkingBlock thinking = message.content().get(0).asThinking();
        assertThat(thinking.thinking()).isEqualTo("The user wants the file.");
        assertThat(thinking.signature()).isEmpty();
        assertThat(message.content().get(1).asText().text()).isEqualTo("I'll read it.");
        ToolUseBlock toolUse = message.content().get(2).asToolUse();
        assertThat(toolUse.id()).isEqualTo("call_1");
        assertThat(toolUse.name()).isEqualTo("Read");
        assertThat(toolUse._input()).isEqualTo(JsonValue.from(Map.of("file_path", "/tmp/café.txt")));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(26);
        assertThat(message.usage().outputTokens()).isEqualTo(12);
        assertThat(message.usage().cacheReadInputTokens()).contains(4L);

        JsonNode received = ccr.received();
        assertThat(received.get("stream").asBoolean()).isTrue();
        assertThat(received.get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
        assertThat(received.get("reasoning")).isEqualTo(json("{\"effort\":\"medium\",\"enabled\":true}"));
        assertThat(received.at("/tools/0/function/name").asText()).isEqualTo("Read");
    }

    /* --------------- Tool use round trip --------------- */

    @Test
    void aToolResultSentBackThroughTheSdkReachesTheProviderAsAToolMessageAndTheAnswerIsText() {
        // 1. The model asks for a tool.
        ccr.answerJson("""
                {"id":"chatcmpl-1","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Let me read it.",
                  "tool_calls":[{"id":"call_7","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"notes.txt\\"}"}}]},
                  "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":40,"completion_tokens":9}}""");
        MessageCreateParams.Builder conversation = MessageCreateParams.builder()
                .model("claude-sonnet-5")
                .maxTokens(1024)
                .addTool(READ)
                .addUserMessage("What does notes.txt say?");
        Message first = ccr.messages().create(conversation.build());

        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock toolUse = first.content().stream().flatMap(block -> block.toolUse().stream()).findFirst().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("Read");
        assertThat(toolUse._input()).isEqualTo(JsonValue.from(Map.of("file_path", "notes.txt")));
        ccr.takeRequest();

        // 2. The test runs the tool and sends its result back, as an SDK user would.
        ccr.answerJson("""
                {"id":"chatcmpl-2","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"The note says: buy milk."},
                  "finish_reason":"stop"}],"usage":{"prompt_tokens":60,"completion_tokens":7}}""");
        conversation.addMessage(first).addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("buy milk").build())));
        Message answer = ccr.messages().create(conversation.build());

        // 3. The provider got the whole conversation in its own dialect, the result tied to its call.
        assertThat(ccr.received().get("messages")).isEqualTo(json("""
                [{"role":"user","content":"What does notes.txt say?"},
                 {"role":"assistant","content":"Let me read it.","tool_calls":[
                   {"id":"call_7","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"notes.txt\\"}"}}]},
                 {"role":"tool","content":"buy milk","tool_call_id":"call_7"}]"""));
        assertThat(answer.content()).extracting(SdkClient::kind).containsExactly("text");
        assertThat(answer.content().getFirst().asText().text()).isEqualTo("The note says: buy milk.");
        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
    }
}
