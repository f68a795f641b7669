package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * An error as the client receives it: an HTTP status and Anthropic's error body
 * {@code {"type":"error","error":{"type":...,"message":...}}}; CCR's machine-readable {@code code} (such as
 * {@code provider_not_found}) rides along inside {@code error}. This is the only place that renders that shape.
 */
public record ApiError(int status, String type, String message, Optional<String> code) {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    static String typeFor(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402, 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    /** The JSON body. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        ObjectNode error = root.putObject("error").put("type", type).put("message", message);
        code.ifPresent(c -> error.put("code", c));
        return root;
    }

    public byte[] toBytes() {
        return toJson().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public ApiException exception() {
        return new ApiException(this);
    }
}
