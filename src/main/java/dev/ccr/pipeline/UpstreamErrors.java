package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.client.ApiError;
import dev.ccr.pipeline.AttemptOutcome.Failed;
import dev.ccr.resilience.Failure;
import dev.ccr.resilience.FailureKind;
import dev.ccr.upstream.Cancellation;
import dev.ccr.upstream.UpstreamException;
import dev.ccr.wire.AnthropicError;
import dev.ccr.wire.ProviderErrors;
import dev.ccr.wire.sse.SseEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns provider failures into what the client sees (CCR's codes and messages, spec §4.5, in Anthropic's shape) and
 * into a classified {@link Failure} for the fallback loop.
 */
final class UpstreamErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Upstream error bodies can be whole HTML pages; the client gets enough to act on. */
    private static final int MAX_BODY_CHARS = 4_000;

    private UpstreamErrors() {
    }

    /** The provider could not be asked at all: 504 for timeouts, 502 otherwise. */
    static Failed beforeAnswer(Attempt attempt, UpstreamException e) {
        String where = "provider(" + attempt.target() + ")";
        return switch (e.kind()) {
            case TIMEOUT -> new Failed(
                    ApiError.upstream(504, "Timeout from " + where + ": " + e.getMessage(), "provider_timeout"),
                    Failure.of(FailureKind.TIMEOUT, e.getMessage()));
            case UNREACHABLE -> new Failed(
                    ApiError.upstream(502, "Error from " + where + ": " + e.getMessage(), "provider_unreachable"),
                    Failure.of(FailureKind.UNREACHABLE, e.getMessage()));
            case CANCELLED -> new Failed(
                    ApiError.upstream(499, "Request to " + where + " was cancelled: " + e.getMessage(), "cancelled"),
                    Failure.of(FailureKind.CLIENT_ERROR, e.getMessage()));
        };
    }

    /** The provider's connection broke before anything reached the client. */
    static Failed brokenBeforeAnswer(Attempt attempt, IOException e) {
        Optional<Cancellation.Reason> cancelled = attempt.cancellation().reason();
        if (cancelled.isPresent()) {
            return beforeAnswer(attempt, UpstreamException.cancelled(cancelled.get()));
        }
        String detail = "the connection broke before the answer (" + describe(e) + ")";
        return new Failed(ApiError.upstream(502, "Error from provider(" + attempt.target() + "): " + detail,
                "provider_connection_broken"), Failure.of(FailureKind.UNREACHABLE, detail));
    }

    /** The last event of a stream whose upstream broke after the client had started receiving it. */
    static SseEvent brokenStreamEvent(Attempt attempt, IOException e) {
        ApiError error = attempt.cancellation().reason().orElse(null) instanceof Cancellation.TimedOut timedOut
                ? ApiError.upstream(504, "Timeout from provider(" + attempt.target() + "): upstream call " + timedOut, "provider_timeout")
                : ApiError.upstream(502, "Error from provider(" + attempt.target() + "): the stream broke (" + describe(e) + ")",
                        "provider_stream_broken");
        return error.toEvent();
    }

    /** A 2xx answer that is not what the dialect promises (an error object, not JSON, no choices). */
    static Failed badAnswer(Attempt attempt, byte[] body) {
        String text = cut(new String(body, StandardCharsets.UTF_8));
        return new Failed(ApiError.upstream(502, "Provider error: provider(" + attempt.target() + ") answered " + text,
                "provider_error"), Failure.of(FailureKind.BAD_ANSWER, "invalid answer: " + text));
    }

    /** The provider answered with a non-2xx status: the client gets that status, as in CCR (spec §11 item 14). */
    static Failed httpStatus(Attempt attempt, int status, byte[] body, Optional<Duration> retryAfter) {
        String whole = new String(body, StandardCharsets.UTF_8);
        String text = cut(whole);
        Failure failure = Failure.ofStatus(status, retryAfter, "HTTP " + status + ": " + text);
        // A provider's "context length exceeded", in its own words, becomes Anthropic's prompt-too-long error:
        // Claude Code starts compacting the conversation when it reads that wording, and only then.
        Optional<ProviderErrors.Recognised> tooLong = ProviderErrors.recognise(status, whole, retryAfter,
                attempt.estimatedInputTokens(), OptionalLong.empty()).filter(r -> r.status() == 400);
        if (tooLong.isPresent()) {
            AnthropicError said = tooLong.get().error();
            return new Failed(new ApiError(400, said.type(), said.message(), Optional.empty()), failure);
        }
        ApiError error = ApiError.upstream(status,
                "Error from provider(" + attempt.target() + ": " + status + "): " + text, "provider_response_error");
        return new Failed(error, failure);
    }

    /**
     * An Anthropic-dialect provider's own error: relayed with its status, type and message (it is already in
     * Anthropic's shape); other bodies are wrapped as {@link #httpStatus} does.
     */
    static Failed anthropicStatus(Attempt attempt, int status, byte[] body, Optional<Duration> retryAfter) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node == null ? null : node.path("error");
            if (error != null && node.path("type").asText().equals("error") && error.path("type").isTextual()
                    && error.path("message").isTextual()) {
                ApiError relayed = new ApiError(status, error.get("type").asText(), error.get("message").asText(),
                        Optional.ofNullable(error.path("code").textValue()));
                return new Failed(relayed, Failure.ofStatus(status, retryAfter,
                        "HTTP " + status + ": " + cut(relayed.message())));
            }
        } catch (IOException e) {
            // not JSON: wrapped below
        }
        return httpStatus(attempt, status, body, retryAfter);
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String cut(String text) {
        return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) + "…" : text;
    }
}
