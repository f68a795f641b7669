package dev.ccr.quota;

/**
 * What one instance tells the others of a team about provider quotas: each snapshot it took (polled, probed, or read
 * from an answer's rate-limit headers). {@link QuotaStore} calls it after keeping the snapshot itself; its calls never
 * block a request and never throw. {@link #NONE} for an instance on its own.
 */
@FunctionalInterface
public interface QuotaSharing {
    /** One instance alone: nothing to tell. */
    QuotaSharing NONE = snapshot -> {
    };

    /** {@code snapshot} was taken here and is now its provider's latest. */
    void stored(QuotaSnapshot snapshot);
}
