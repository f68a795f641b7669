package dev.ccr.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Objects;
import java.util.Optional;

/** One instance's session last-usage cache: CCR's {@code sessionUsageCache}, least recently used out first. */
final class EmbeddedSessionUsage implements SessionUsage {
    /** CCR's sessionUsageCache holds 100 sessions (LRU). */
    static final int CAPACITY = 100;

    private final Cache<String, LastUsage> last = Caffeine.newBuilder().maximumSize(CAPACITY).build();

    @Override
    public void record(String sessionId, LastUsage usage) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(usage, "usage");
        if (usage.promptTokens() > 0) {
            last.put(sessionId, usage);
        }
    }

    @Override
    public Optional<LastUsage> last(String sessionId) {
        return Optional.ofNullable(last.getIfPresent(sessionId));
    }
}
