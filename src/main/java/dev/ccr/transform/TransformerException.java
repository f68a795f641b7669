package dev.ccr.transform;

import java.io.IOException;

/**
 * A transformer failed on its own (a JS plugin threw, timed out or answered something unusable), as opposed to the
 * provider failing. The client gets a 500 with this message; the message names the transformer and never holds
 * request data.
 */
public final class TransformerException extends IOException {
    public TransformerException(String message) {
        super(message);
    }
}
