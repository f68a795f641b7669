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
