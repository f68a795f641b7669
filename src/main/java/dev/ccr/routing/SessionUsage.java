package dev.ccr.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Objects;
import java.util.Optional;

/**
 * Remembers the last usage reported in each session, for the long-context rule's "last usage" test
 * (docs/ccr-checklist.md item 31). The pipeline records an answer's usage when it completes; the router reads it for
 * the session's next request.
 */
public final class SessionUsage {
    /** CCR's sessionUsageCache holds 100 sessions (LRU). */
    static final int CAPACITY = 100;

    private final Cache<String, LastUsage> last = Caffeine.newBuilder().maximumSize(CAPACITY).build();

    /** Records the usage of a completed answer; an answer that reported nothing leaves the previous record. */
    public void record(String sessionId, LastUsage usage) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(usage, "usage");
        if (usage.promptTokens() > 0) {
            last.put(sessionId, usage);
        }
    }

    public Optional<LastUsage> last(String sessionId) {
        return Optional.ofNullable(last.getIfPresent(sessionId));
    }
}
