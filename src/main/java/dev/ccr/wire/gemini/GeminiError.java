package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

import static java.util.Objects.requireNonNull;

/**
 * An error in the shape Google's APIs and the Gen AI SDKs use, {@code {"error":{"code","message","status"}}}, where
 * {@code code} is the HTTP status and {@code status} its {@code google.rpc.Code} name.
 */
public record GeminiError(int code, String message) {

    public GeminiError {
        requireNonNull(message, "message");
    }

    /** The {@code google.rpc.Code} name Google's APIs send with an HTTP status. */
    public static String statusOf(int code) {
        return switch (code) {
            case 400, 413 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503, 529 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> code >= 400 && code < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
        };
    }

    /** The HTTP status an Anthropic error type stands for, for errors that arrive inside a stream. */
    public static int codeOfAnthropicType(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    public ObjectNode toJson() {
        ObjectNode body = WireJson.object();
        body.putObject("error").put("code", code).put("message", message).put("status", statusOf(code));
        return body;
    }
}
