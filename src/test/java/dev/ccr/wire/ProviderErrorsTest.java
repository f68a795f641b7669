package dev.ccr.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Provider failures Claude Code recovers from are worded as Anthropic words them. */
class ProviderErrorsTest {

    private static ProviderErrors.Recognised recognise(int status, String body) {
        return ProviderErrors.recognise(status, body, Optional.empty(), 1000, OptionalLong.empty()).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            OpenAI      | {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.","type":"invalid_request_error","code":"context_length_exceeded"}} | prompt is too long: 130512 tokens > 128000 maximum
            DeepSeek    | {"error":{"message":"This model's maximum context length is 131072 tokens. However, you requested 140000 tokens (132000 in the messages, 8000 in the completion).","type":"invalid_request_error"}} | prompt is too long: 140000 tokens > 131072 maximum
            OpenRouter  | {"error":{"message":"This endpoint's maximum context length is 200000 tokens. However, you requested about 210000 tokens","code":400}} | prompt is too long: 210000 tokens > 200000 maximum
            Gemini      | {"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}} | prompt is too long: 1200000 tokens > 1048576 maximum
            Anthropic-dialect server | {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 300000 tokens > 262144 maximum"}} | prompt is too long: 300000 tokens > 262144 maximum
            Kimi        | {"error":{"message":"Invalid request: Your request exceeded model token limit: 262144","type":"invalid_request_error"}} | prompt is too long: 262145 tokens > 262144 maximum
            Responses   | {"error":{"message":"Your input exceeds the context window of this model. Please adjust your input and try again.","type":"invalid_request_error","code":"context_length_exceeded"}} | prompt is too long: 1000 tokens
            """)
    void contextLengthErrorsBecomeAnthropicsPromptTooLong(String provider, String body, String message) {
        ProviderErrors.Recognised r = recognise(400, body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().type()).isEqualTo("invalid_request_error");
        assertThat(r.error().message()).isEqualTo(message);
    }

    @Test
    void theTargetsWindowFillsInWhatTheProviderDidNotSay() {
        var r = ProviderErrors.recognise(400, "{\"error\":{\"code\":\"context_length_exceeded\"}}", Optional.empty(),
                250_000, OptionalLong.of(200_000)).orElseThrow();
        assertThat(r.error().message()).isEqualTo("prompt is too long: 250000 tokens > 200000 maximum");
    }

    @Test
    void rateLimitsBecome429WithTheDelayTheProviderGave() {
        var header = ProviderErrors.recognise(429, "{\"error\":{\"message\":\"slow down\"}}",
                Optional.of(Duration.ofSeconds(7)), 0, OptionalLong.empty()).orElseThrow();
        assertThat(header.status()).isEqualTo(429);
        assertThat(header.error().type()).isEqualTo("rate_limit_error");
        assertThat(header.retryAfter()).contains(Duration.ofSeconds(7));

        var body = recognise(429, "{\"error\":{\"message\":\"Rate limit reached. Please try again in 20s.\"}}");
        assertThat(body.retryAfter()).contains(Duration.ofSeconds(20));
        var gemini = recognise(429, "{\"error\":{\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"retryDelay\": \"12s\"}]}}");
        assertThat(gemini.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void overloadBecomes529() {
        var r = recognise(503, "{\"error\":{\"message\":\"Server overloaded, please retry\"}}");
        assertThat(r.status()).isEqualTo(529);
        assertThat(r.error().type()).isEqualTo("overloaded_error");
        assertThat(recognise(500, "{\"error\":{\"status\":\"UNAVAILABLE\"}}").status()).isEqualTo(529);
    }

    @Test
    void otherErrorsAreNotRecognised() {
        assertThat(ProviderErrors.recognise(401, "{\"error\":{\"message\":\"bad key\"}}", Optional.empty(), 0,
                OptionalLong.empty())).isEmpty();
        assertThat(ProviderErrors.recognise(400, "{\"error\":{\"message\":\"tools[0] is invalid\"}}", Optional.empty(),
                0, OptionalLong.empty())).isEmpty();
    }
}
