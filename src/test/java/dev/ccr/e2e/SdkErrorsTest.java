package dev.ccr.e2e;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.ccr.testing.RawUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Failures reach the SDK in a shape it understands: a provider's HTTP error becomes the SDK's exception for that
 * status with Anthropic's error type, and a provider stream that breaks midway makes the SDK throw rather than hand
 * back a silently truncated message.
 */
class SdkErrorsTest {
    private static final String RATE_LIMITED = """
            {"error":{"message":"Rate limit reached for m on tokens per min","type":"tokens","code":"rate_limit_exceeded"}}""";

    private static MessageCreateParams.Builder question() {
        return MessageCreateParams.builder().model("claude-sonnet-5").maxTokens(1024).addUserMessage("hi");
    }

    /* --------------- HTTP errors before the answer --------------- */

    @Test
    void anUpstream429IsTheSdksRateLimitExceptionWithAnthropicsErrorType() {
        try (SdkAgainstRouter ccr = SdkAgainstRouter.start()) {
            ccr.failEveryRequest(429, RATE_LIMITED);

            RateLimitException e = catchThrowableOfType(RateLimitException.class,
                    () -> ccr.messages().create(question().build()));

            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.type()).contains(ErrorType.RATE_LIMIT_ERROR);
            assertThat(e.apiMessage()).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("Error from provider(p,m: 429): ")
                    .contains("Rate limit reached for m on tokens per min"));
        }
    }

    @Test
    void anUpstream429ToAStreamingCallIsTheSdksRateLimitExceptionToo() {
        try (SdkAgainstRouter ccr = SdkAgainstRouter.start()) {
            ccr.failEveryRequest(429, RATE_LIMITED);

            RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> ccr.stream(question().build()));

            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.type()).contains(ErrorType.RATE_LIMIT_ERROR);
            assertThat(ccr.received().get("stream").asBoolean()).isTrue();
        }
    }

    static Stream<Arguments> upstreamStatuses() {
        return Stream.of(
                Arguments.of(400, BadRequestException.class, ErrorType.INVALID_REQUEST_ERROR),
                Arguments.of(500, InternalServerException.class, ErrorType.API_ERROR),
                Arguments.of(529, OverloadedException.class, ErrorType.OVERLOADED_ERROR));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("upstreamStatuses")
    void eachUpstreamErrorStatusIsTheSdksExceptionForThatStatus(int status, Class<? extends AnthropicServiceException> type,
            ErrorType errorType) {
        try (SdkAgainstRouter ccr = SdkAgainstRouter.start()) {
            ccr.failEveryRequest(status, "{\"error\":{\"message\":\"no\"}}");

            AnthropicServiceException e = catchThrowableOfType(type, () -> ccr.messages().create(question().build()));

            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.type()).contains(errorType);
        }
    }

    @Test
    void aResetBeforeTheAnswerIsAnSdkServerErrorNotATimeout() {
        try (RawUpstream upstream = RawUpstream.resetBeforeAnswer();
             SdkClient client = SdkClient.forProvider(upstream.url("/v1/chat/completions"))) {

            InternalServerException e = catchThrowableOfType(InternalServerException.class,
                    () -> client.messages().create(question().build()));

            assertThat(e.statusCode()).isEqualTo(502);
            assertThat(e.type()).contains(ErrorType.API_ERROR);
            assertThat(e.apiMessage()).hasValueSatisfying(message -> assertThat(message).contains("provider(p,m)"));
        }
    }

    /* --------------- A stream that breaks midway --------------- */

    @Test
    void anUpstreamThatBreaksMidStreamMakesTheSdkThrowInsteadOfReturningATruncatedMessage() {
        try (RawUpstream upstream = RawUpstream.streamThenReset("""
                data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"The answer is"}}]}

                """);
             SdkClient client = SdkClient.forProvider(upstream.url("/v1/chat/completions"))) {
            MessageAccumulator accumulator = MessageAccumulator.create();
            List<RawMessageStreamEvent> events = new ArrayList<>();

            SseException e = catchThrowableOfType(SseException.class,
                    () -> client.stream(question().build(), accumulator, events::add));

            assertThat(events).extracting(event -> event.isMessageStart() || event.isContentBlockStart()
                    || event.isContentBlockDelta()).containsOnly(true).isNotEmpty();
            assertThat(e.type()).contains(ErrorType.API_ERROR);
            assertThat(e.apiMessage()).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("Error from provider(p,m): the stream broke"));
            assertThatThrownBy(accumulator::message).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("message_stop");
        }
    }
}
