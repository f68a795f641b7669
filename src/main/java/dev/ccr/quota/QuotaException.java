package dev.ccr.quota;

/**
 * A quota call that gave no reading, and why, in words that help (never with a key, token or cookie in them).
 * {@code refused} marks a rejected credential: an expired console cookie or a wrong key.
 */
public final class QuotaException extends Exception {
    private final boolean refused;

    QuotaException(String reason, boolean refused) {
        super(reason, null, false, false);
        this.refused = refused;
    }

    static QuotaException changed(String what) {
        return new QuotaException("the answer has no " + what + " (has the provider changed its API?)", false);
    }

    static QuotaException refused(String reason) {
        return new QuotaException(reason, true);
    }

    public boolean refused() {
        return refused;
    }
}
