package dev.ccr.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.AnthropicError;
import dev.ccr.wire.sse.SseEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * An error as the client receives it: an HTTP status and Anthropic's error body
 * {@code {"type":"error","error":{"type":...,"message":...}}}; CCR's machine-readable {@code code} (such as
 * {@code provider_not_found}) rides along inside {@code error}. Rendered by {@link AnthropicError}, the one
 * definition of the shape. {@code retryAfter}, when known, is sent as the {@code retry-after} header, which Claude
 * Code's client waits for before it tries a rate-limited or overloaded request again.
 */
public record ApiError(int status, String type, String message, Optional<String> code, Optional<Duration> retryAfter) {
    public ApiError {
        requireNonNull(code, "code");
        requireNonNull(retryAfter, "retryAfter");
    }

    public ApiError(int status, String type, String message, Optional<String> code) {
        this(status, type, message, code, Optional.empty());
    }

    public static ApiError invalidRequest(String message) {
        return new ApiError(400, "invalid_request_error", message, Optional.empty());
    }

    public static ApiError authentication(String message) {
        return new ApiError(401, "authentication_error", message, Optional.empty());
    }

    public static ApiError permission(String message) {
        return new ApiError(403, "permission_error", message, Optional.empty());
    }

    public static ApiError notFound(String message, String code) {
        return new ApiError(404, "not_found_error", message, Optional.ofNullable(code));
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "request_too_large", message, Optional.empty());
    }

    public static ApiError internal(String message) {
        return new ApiError(500, "api_error", message, Optional.empty());
    }

    /** An error from or about the provider, typed by the status the client gets (429 rate limit, 529 overloaded…). */
    public static ApiError upstream(int status, String message, String code) {
        return new ApiError(status, typeFor(status), message, Optional.ofNullable(code));
    }

    /** Anthropic's error type for an HTTP status. */
    public static String typeFor(int status) {
        return AnthropicError.typeOfStatus(status);
    }

    /** The JSON body, rendered by the wire format's one definition of the shape. */
    public ObjectNode toJson() {
        return shape().toJson();
    }

    /** The same error as the last event of a stream. */
    public SseEvent toEvent() {
        return shape().toEvent();
    }

    private AnthropicError shape() {
        return new AnthropicError(type, message, code.orElse(null));
    }

    public byte[] toBytes() {
        return toJson().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same error, telling the client how long to wait before trying again. */
    public ApiError withRetryAfter(Optional<Duration> wait) {
        return new ApiError(status, type, message, code, wait);
    }

    /** The {@code retry-after} header's value: whole seconds, rounded up. */
    public Optional<String> retryAfterHeader() {
        return retryAfter.map(d -> String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000)));
    }

    public ApiException exception() {
        return new ApiException(this);
    }
}
