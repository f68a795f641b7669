package dev.ccr.wire;

/**
 * Signals a provider answer that cannot be converted into the client's dialect, such as a completion with no choices.
 *
 * <p>The message carries the offending upstream JSON (shortened), so the server can report it as CCR's
 * {@code provider_error} (docs/compatibility.md, Errors) without a second lookup.
 */
public class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message);
    }

    public WireException(String message, Throwable cause) {
        super(message, cause);
    }
}
