package dev.ccr.server;

import dev.ccr.client.ApiError;
import dev.ccr.wire.gemini.GeminiError;
import dev.ccr.wire.openai.OpenAiError;

import java.nio.charset.StandardCharsets;

/**
 * The error body a client understands, chosen by the path it called: Anthropic's on ccr's own routes, OpenAI's
 * {@code {"error":{"message","type","param","code"}}} on {@code /v1/chat/completions} and {@code /v1/responses},
 * Google's {@code {"error":{"code","message","status"}}} under {@code /v1beta/}. {@link Responses} renders every
 * error through it, so a refused key, a body over the limit or a routing failure reach each client in its own shape.
 */
enum ErrorShape {
    ANTHROPIC, OPENAI, GEMINI;

    static ErrorShape forPath(String path) {
        if (path.equals(ChatCompletionsEndpoint.PATH) || path.equals(OpenAiResponsesEndpoint.PATH)) {
            return OPENAI;
        }
        return path.startsWith(GeminiEndpoint.PREFIX) ? GEMINI : ANTHROPIC;
    }

    byte[] render(ApiError error) {
        return switch (this) {
            case ANTHROPIC -> error.toBytes();
            case OPENAI -> new OpenAiError(error.message(), error.type(), error.code().orElse(null)).toJson()
                    .toString().getBytes(StandardCharsets.UTF_8);
            case GEMINI -> new GeminiError(error.status(), error.message()).toJson()
                    .toString().getBytes(StandardCharsets.UTF_8);
        };
    }
}
