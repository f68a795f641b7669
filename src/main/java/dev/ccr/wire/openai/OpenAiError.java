package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

import static java.util.Objects.requireNonNull;

/**
 * An error in the shape OpenAI's API and SDKs use, {@code {"error":{"message","type","param","code"}}}, for clients
 * of ccr's OpenAI endpoints ({@code /v1/chat/completions}, {@code /v1/responses}).
 *
 * @param type the error's type (ccr keeps its Anthropic type names, such as {@code rate_limit_error})
 * @param code CCR's machine-readable code, such as {@code provider_not_found}, or null for none
 */
public record OpenAiError(String message, String type, String code) {

    public OpenAiError {
        requireNonNull(message, "message");
        requireNonNull(type, "type");
    }

    public ObjectNode toJson() {
        ObjectNode body = WireJson.object();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return body;
    }
}
