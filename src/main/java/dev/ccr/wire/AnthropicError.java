package dev.ccr.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.sse.SseEvent;

/**
 * An error in the shape Anthropic's API and SDKs use, {@code {"type":"error","error":{"type":…,"message":…}}}, as a
 * response body or as an {@code event: error} in a stream.
 *
 * <p>CCR reports errors as {@code {"error":{"message","type","code"}}} (P-7; docs/compatibility.md, Errors). ccr keeps
 * CCR's {@code error.code} and message text inside Anthropic's shape, so clients and scripts written for either keep
 * working; the HTTP status is the caller's business and must stay the provider's (docs/ccr-checklist.md item 14).
 *
 * @param type Anthropic's error type, e.g. {@code rate_limit_error}
 * @param message the human-readable message
 * @param code CCR's {@code error.code}, e.g. {@code provider_response_error}, or null for none
 */
public record AnthropicError(String type, String message, String code) {

    public AnthropicError {
        requireNonNull(type, "type");
        requireNonNull(message, "message");
    }

    /**
     * The error for a provider that answered with a non-2xx status: CCR's message
     * {@code Error from provider(<provider>,<model>: <status>): <body>} and code {@code provider_response_error},
     * typed by status.
     */
    public static AnthropicError ofProviderResponse(String provider, String model, int status, String body) {
        return new AnthropicError(typeOfStatus(status),
                "Error from provider(" + provider + "," + model + ": " + status + "): " + body,
                "provider_response_error");
    }

    /** Anthropic's error type for an HTTP status, as its API documents them. */
    public static String typeOfStatus(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    /** The response body. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "error");
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        error.put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        return body;
    }

    /** The same error as a stream event. */
    public SseEvent toEvent() {
        return new SseEvent("error", toJson().toString());
    }
}
