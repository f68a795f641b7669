package dev.ccr.wire;

/**
 * Signals a client request in another dialect (OpenAI chat, Responses, Gemini) that cannot be converted into an
 * Anthropic request. The message says what is wrong and how to fix it; the server answers 400 with it.
 */
public final class BadRequestException extends WireException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
