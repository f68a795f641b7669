package dev.ccr.routing;

import java.util.Optional;

/**
 * Remembers the last usage reported in each session, for the long-context rule's "last usage" test
 * (docs/ccr-checklist.md item 31). The pipeline records an answer's usage when it completes; the router reads it for
 * the session's next request. {@link #embedded()} keeps it in this instance; a team's instances share theirs through
 * Redis (docs/deploy.md), so a session's next request routes alike on whichever instance it reaches.
 */
public interface SessionUsage {
    /**
     * Records the usage of a completed answer; an answer that reported nothing ({@link LastUsage#promptTokens()} of
     * zero) leaves the previous record. Never blocks on anything remote and never throws.
     */
    void record(String sessionId, LastUsage usage);

    /** The last usage recorded for {@code sessionId}, if any. */
    Optional<LastUsage> last(String sessionId);

    /** CCR's {@code sessionUsageCache}: this instance's own, the 100 most recent sessions. */
    static SessionUsage embedded() {
        return new EmbeddedSessionUsage();
    }
}
