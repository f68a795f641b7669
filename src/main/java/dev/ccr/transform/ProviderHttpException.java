package dev.ccr.transform;

import java.io.IOException;

/**
 * The provider answered with a non-2xx status; response transformers are skipped, as in CCR
 * (docs/compatibility.md#transformers).
 */
public final class ProviderHttpException extends IOException {
    private final int status;
    private final byte[] body;
    private final java.util.Optional<String> retryAfter;

    public ProviderHttpException(int status, byte[] body, java.util.Optional<String> retryAfter) {
        super("provider answered HTTP " + status);
        this.status = status;
        this.body = body.clone();
        this.retryAfter = retryAfter;
    }

    /** The provider's {@code Retry-After} header, as sent. */
    public java.util.Optional<String> retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body.clone();
    }
}
