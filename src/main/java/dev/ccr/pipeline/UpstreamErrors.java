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
import dev.ccr.wire.WireJson;
import dev.ccr.wire.anthropic.AnthropicCompat;
import dev.ccr.wire.sse.SseEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns provider failures into what the client sees (CCR's codes and messages, docs/compatibility.md#errors, in
 * Anthropic's shape) and into a classified {@link Failure} for the fallback loop.
 */
final class UpstreamErrors {
    private static final ObjectMapper JSON = WireJson.MAPPER;
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

    /**
     * The provider answered with a non-2xx status: the client gets that status, as in CCR (docs/ccr-checklist.md item
     * 14), except where Claude Code acts on Anthropic's own wording ({@link ProviderErrors}): a "context length
     * exceeded" in the provider's words becomes Anthropic's prompt-too-long error, a rate limit is 429 {@code
     * rate_limit_error}, an overload (529, or 5xx saying "overloaded" or "capacity") 529 {@code overloaded_error}; each
     * with the provider's {@code Retry-After} (or the delay its body names) for the client to wait out.
     */
    static Failed httpStatus(Attempt attempt, int status, byte[] body, Optional<Duration> retryAfter) {
        return recognised(attempt, status, body, retryAfter, Optional.empty());
    }

    /**
     * An Anthropic-dialect provider's own error. Anthropic's is relayed with its status, type, message and
     * {@code Retry-After}: Claude Code was written against exactly these. Another server of the dialect (DeepSeek,
     * Kimi, GLM…) keeps its type and message, but its context-length, rate-limit and overload errors are recognised
     * as {@link #httpStatus} recognises them; a body not in Anthropic's shape is wrapped as there.
     */
    static Failed anthropicStatus(Attempt attempt, int status, byte[] body, Optional<Duration> retryAfter) {
        Optional<ApiError> own = inAnthropicShape(status, body);
        if (own.isPresent() && AnthropicCompat.isAnthropic(attempt.provider().apiBaseUrl().toString())) {
            ApiError relayed = own.get().withRetryAfter(retryAfter);
            return new Failed(relayed, Failure.ofStatus(status, retryAfter, "HTTP " + status + ": " + cut(relayed.message())));
        }
        return recognised(attempt, status, body, retryAfter, own);
    }

    /** {@code own}: the provider's error when it came in Anthropic's shape, kept but for status and type. */
    private static Failed recognised(Attempt attempt, int status, byte[] body, Optional<Duration> retryAfter,
                                     Optional<ApiError> own) {
        String whole = new String(body, StandardCharsets.UTF_8);
        String text = cut(whole);
        Optional<ProviderErrors.Recognised> recognised = ProviderErrors.recognise(status, whole, retryAfter,
                attempt.estimatedInputTokens(), OptionalLong.empty());
        // Claude Code starts compacting the conversation when it reads Anthropic's prompt-too-long wording, and only then.
        if (recognised.isPresent() && recognised.get().status() == 400) {
            AnthropicError said = recognised.get().error();
            return new Failed(new ApiError(400, said.type(), said.message(), Optional.empty()),
                    Failure.ofStatus(status, retryAfter, "HTTP " + status + ": " + text));
        }
        // Rate limits and overload keep their message and carry the delay to wait; Claude Code retries on their status.
        int answered = recognised.map(ProviderErrors.Recognised::status).orElse(status);
        Optional<Duration> wait = recognised.map(ProviderErrors.Recognised::retryAfter).orElse(retryAfter);
        ApiError error = own.map(e -> new ApiError(answered, recognised.isPresent() ? ApiError.typeFor(answered) : e.type(),
                        e.message(), e.code()))
                .orElseGet(() -> ApiError.upstream(answered,
                        "Error from provider(" + attempt.target() + ": " + status + "): " + text, "provider_response_error"));
        return new Failed(error.withRetryAfter(wait), Failure.ofStatus(answered, wait, "HTTP " + status + ": " + text));
    }

    /** The error when the body is Anthropic's {@code {"type":"error","error":{"type","message"}}}. */
    private static Optional<ApiError> inAnthropicShape(int status, byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node == null ? null : node.path("error");
            if (error != null && node.path("type").asText().equals("error") && error.path("type").isTextual()
                    && error.path("message").isTextual()) {
                return Optional.of(new ApiError(status, error.get("type").asText(), error.get("message").asText(),
                        Optional.ofNullable(error.path("code").textValue())));
            }
        } catch (IOException e) {
            // not JSON
        }
        return Optional.empty();
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String cut(String text) {
        return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) + "…" : text;
    }
}
