package dev.ccr.e2e;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.SseException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.StopReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Answer shapes OpenAI-compatible providers really produce, each read back by the SDK: reasoning in a plain answer,
 * parallel tool calls, a stream with no finish chunk, a JSON answer to a streaming call, a length stop, an error
 * chunk inside a stream; and {@code count_tokens}, which ccr answers itself.
 */
class SdkAnswerShapesTest {
    private SdkAgainstRouter ccr;

    @BeforeEach
    void start() {
        ccr = SdkAgainstRouter.start();
    }

    @AfterEach
    void stop() {
        ccr.close();
    }

    private static MessageCreateParams question() {
        return MessageCreateParams.builder().model("claude-sonnet-5").maxTokens(1024).addUserMessage("hi").build();
    }

    @Test
    void reasoningInAPlainAnswerIsAThinkingBlockTheSdkAccepts() {
        ccr.answerJson("""
                {"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"42",
                  "reasoning_content":"Six times seven."},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3}}""");

        Message message = ccr.messages().create(question());

        assertThat(message.content()).extracting(SdkClient::kind).containsExactly("thinking", "text");
        assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Six times seven.");
        assertThat(message.content().get(0).asThinking().signature()).isEmpty();
    }

    @Test
    void parallelToolCallsInAStreamAccumulateIntoTwoToolUseBlocks() {
        // OpenAI's shape: each call's arguments complete before the next call starts.
        ccr.answerStream(
                """
                {"model":"m","choices":[{"index":0,"delta":{"tool_calls":[
                  {"index":0,"id":"call_a","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":"}}]}}]}""",
                """
                {"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"a\\"}"}}]}}]}""",
                """
                {"model":"m","choices":[{"index":0,"delta":{"tool_calls":[
                  {"index":1,"id":"call_b","type":"function","function":{"name":"Read","arguments":""}}]}}]}""",
                """
                {"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\\"file_path\\":\\"b\\"}"}}]}}]}""",
                """
                {"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":9,"completion_tokens":20}}""");

        Message message = ccr.stream(question());

        assertThat(message.content()).extracting(SdkClient::kind).containsExactly("tool_use", "tool_use");
        assertThat(message.content().get(0).asToolUse().id()).isEqualTo("call_a");
        assertThat(message.content().get(0).asToolUse()._input()).isEqualTo(JsonValue.from(Map.of("file_path", "a")));
        assertThat(message.content().get(1).asToolUse().id()).isEqualTo("call_b");
        assertThat(message.content().get(1).asToolUse()._input()).isEqualTo(JsonValue.from(Map.of("file_path", "b")));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().outputTokens()).isEqualTo(20);
    }

    @Test
    void interleavedArgumentsOfParallelToolCallsAreNotLost() {
        ccr.answerStream(
                """
                {"model":"m","choices":[{"index":0,"delta":{"tool_calls":[
                  {"index":0,"id":"call_a","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":"}},
                  {"index":1,"id":"call_b","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"b\\"}"}}]}}]}""",
                """
                {"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"a\\"}"}}]}}]}""",
                """
                {"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");

        Message message = ccr.stream(question());

        assertThat(message.content().get(0).asToolUse()._input()).isEqualTo(JsonValue.from(Map.of("file_path", "a")));
        assertThat(message.content().get(1).asToolUse()._input()).isEqualTo(JsonValue.from(Map.of("file_path", "b")));
    }

    @Test
    void aStreamThatEndsWithoutAFinishChunkStillAccumulatesIntoACompleteMessage() {
        ccr.upstream.enqueue(new mockwebserver3.MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body("data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n").build());

        Message message = ccr.stream(question());

        assertThat(message.content().getFirst().asText().text()).isEqualTo("Hi");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
    }

    @Test
    void aJsonAnswerToAStreamingCallAccumulatesLikeAStream() {
        ccr.answerJson("""
                {"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},
                  "finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":1024}}""");

        Message message = ccr.stream(question());

        assertThat(message.content().getFirst().asText().text()).isEqualTo("Hi there");
        assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
        assertThat(message.usage().outputTokens()).isEqualTo(1024);
    }

    @Test
    void anErrorChunkInsideAStreamMakesTheSdkThrowWithTheProvidersMessage() {
        ccr.answerStream(
                """
                {"model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}""",
                """
                {"error":{"message":"upstream overloaded","type":"server_error"}}""");

        SseException e = catchThrowableOfType(SseException.class, () -> ccr.stream(question()));

        assertThat(e.type()).contains(ErrorType.API_ERROR);
        assertThat(e.apiMessage()).hasValueSatisfying(message -> assertThat(message).contains("upstream overloaded"));
    }

    @Test
    void countTokensAnswersTheSdkWithoutAskingTheProvider() {
        MessageTokensCount count = ccr.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-sonnet-5")
                .addUserMessage("Count the tokens in this sentence, please.")
                .build());

        assertThat(count.inputTokens()).isPositive();
        assertThat(ccr.upstream.getRequestCount()).isZero();
    }
}
