package dev.ccr.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Optional;

/**
 * Fallbacks that worked when their primary failed, remembered per primary and scenario for a while (10 minutes by
 * default), so the next requests go straight to them. Cleared when the primary recovers or the fallback fails.
 */
public final class Promotions {
    private record Key(ModelRef primary, String scenario) {
    }

    private final Cache<Key, ModelRef> promoted;

    public Promotions(Duration ttl, Ticker ticker) {
        this.promoted = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(10_000).build();
    }

    public void promote(ModelRef primary, String scenario, ModelRef fallback) {
        promoted.put(new Key(primary, scenario), fallback);
    }

    public Optional<ModelRef> promoted(ModelRef primary, String scenario) {
        return Optional.ofNullable(promoted.getIfPresent(new Key(primary, scenario)));
    }

    /** Forgets every promotion made for {@code primary} (it recovered). */
    public void clearPrimary(ModelRef primary) {
        promoted.asMap().keySet().removeIf(key -> key.primary().equals(primary));
    }

    /** Forgets every promotion to {@code fallback} (it failed). */
    public void clearFallback(ModelRef fallback) {
        promoted.asMap().values().removeIf(fallback::equals);
    }
}
