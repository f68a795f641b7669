package dev.ccr.quota;

import java.time.Duration;

/**
 * What one instance tells the others of a team about provider quotas: each snapshot it took (polled, probed, or read
 * from an answer's rate-limit headers), and which of them polls a provider next. {@link QuotaStore} calls it after
 * keeping the snapshot itself; its calls never block a request and never throw. {@link #NONE} for an instance on its
 * own.
 */
@FunctionalInterface
public interface QuotaSharing {
    /** One instance alone: nothing to tell. */
    QuotaSharing NONE = snapshot -> {
    };

    /** {@code snapshot} was taken here and is now its provider's latest. */
    void stored(QuotaSnapshot snapshot);

    /**
     * Whether this instance should poll {@code provider} now: yes, unless another instance of the team claimed it
     * within {@code hold} (its snapshot then reaches this one anyway). Alone: always yes.
     */
    default boolean claimPoll(String provider, Duration hold) {
        return true;
    }
}
