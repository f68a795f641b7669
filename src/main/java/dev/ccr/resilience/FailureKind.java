package dev.ccr.resilience;

/**
 * What went wrong with one attempt, which decides whether another candidate may help and whether the same one is
 * worth a second try.
 */
public enum FailureKind {
    /** The provider could not be reached or reset the connection before answering. */
    UNREACHABLE(true, true),
    /** Connect, first-byte, idle or total timeout. */
    TIMEOUT(true, true),
    /** HTTP 5xx other than 529. */
    SERVER_ERROR(true, true),
    /** HTTP 529 (or 503): the provider is overloaded. */
    OVERLOADED(true, true),
    /** HTTP 429: a cooldown, not a hard failure; the same target is not retried at once. */
    RATE_LIMITED(true, false),
    /** A 2xx that is not a valid answer (an error object, not JSON). */
    BAD_ANSWER(true, true),
    /** HTTP 4xx other than 429: the request itself is wrong (bad request, auth); another provider will not help. */
    CLIENT_ERROR(false, false),
    /** The stream broke after the client had started receiving it; recorded, never fallen over. */
    BROKEN_STREAM(false, false);

    private final boolean fallsOver;
    private final boolean retriable;

    FailureKind(boolean fallsOver, boolean retriable) {
        this.fallsOver = fallsOver;
        this.retriable = retriable;
    }

    /** Another candidate may succeed where this one failed. */
    public boolean fallsOver() {
        return fallsOver;
    }

    /** Trying the same candidate once more may succeed. */
    public boolean retriable() {
        return retriable;
    }

    /** Whether this failure counts against the provider's health. */
    public boolean countsAgainstHealth() {
        return this != CLIENT_ERROR;
    }

    /** The kind for an HTTP error status. */
    public static FailureKind ofStatus(int status) {
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status == 529 || status == 503) {
            return OVERLOADED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        return CLIENT_ERROR;
    }
}
