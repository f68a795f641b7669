package dev.ccr.pipeline;

import dev.ccr.upstream.UpstreamException;

import java.nio.charset.StandardCharsets;

/** Turns provider failures into the errors the client sees, with CCR's codes and messages (spec §4.5). */
final class UpstreamErrors {
    /** Upstream error bodies can be whole HTML pages; the client gets enough to act on. */
    private static final int MAX_BODY_CHARS = 4_000;

    private UpstreamErrors() {
    }

    /** The provider could not be asked at all: 504 for timeouts, 502 otherwise. */
    static ApiError beforeAnswer(Attempt attempt, UpstreamException e) {
        String where = "provider(" + attempt.target() + ")";
        return switch (e.kind()) {
            case TIMEOUT -> ApiError.upstream(504, "Timeout from " + where + ": " + e.getMessage(), "provider_timeout");
            case UNREACHABLE -> ApiError.upstream(502, "Error from " + where + ": " + e.getMessage(), "provider_unreachable");
            case CANCELLED -> ApiError.upstream(499, "Request to " + where + " was cancelled: " + e.getMessage(), "cancelled");
        };
    }

    /** The provider's connection broke before anything reached the client. */
    static ApiError brokenBeforeAnswer(Attempt attempt, java.io.IOException e) {
        if (attempt.cancellation().isCancelled()) {
            return beforeAnswer(attempt, UpstreamException.cancelledFor(attempt.cancellation().reason()));
        }
        return ApiError.upstream(502, "Error from provider(" + attempt.target() + "): the connection broke before the answer ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", "provider_connection_broken");
    }

    /** The last event of a stream whose upstream broke after the client had started receiving it. */
    static dev.ccr.wire.sse.SseEvent brokenStreamEvent(Attempt attempt, java.io.IOException e) {
        ApiError error = attempt.cancellation().isCancelled() && attempt.cancellation().reason().startsWith("timed out")
                ? ApiError.upstream(504, "Timeout from provider(" + attempt.target() + "): upstream call "
                        + attempt.cancellation().reason(), "provider_timeout")
                : ApiError.upstream(502, "Error from provider(" + attempt.target() + "): the stream broke ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", "provider_stream_broken");
        return error.toEvent();
    }

    /** A 2xx answer that is not what the dialect promises (an error object, not JSON, no choices). */
    static ApiError badAnswer(Attempt attempt, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() > MAX_BODY_CHARS) {
            text = text.substring(0, MAX_BODY_CHARS) + "…";
        }
        return ApiError.upstream(502, "Provider error: provider(" + attempt.target() + ") answered " + text, "provider_error");
    }

    /** The provider answered with a non-2xx status: the client gets that status, as in CCR. */
    static ApiError httpStatus(Attempt attempt, int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() > MAX_BODY_CHARS) {
            text = text.substring(0, MAX_BODY_CHARS) + "…";
        }
        return ApiError.upstream(status,
                "Error from provider(" + attempt.target() + ": " + status + "): " + text, "provider_response_error");
    }
}
