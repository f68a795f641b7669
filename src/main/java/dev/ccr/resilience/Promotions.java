package dev.ccr.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fallbacks that worked when their primary failed, remembered per primary and scenario for a while (10 minutes by
 * default), so the next requests go straight to them. Cleared when the primary recovers or the fallback fails.
 * Changes made here are told to a team's other instances through {@link #shareWith}; theirs arrive through the
 * {@code apply...} methods, which tell no one.
 */
public final class Promotions {
    /** A fallback promoted for a primary model in one scenario. */
    public record Promoted(ModelRef primary, String scenario, ModelRef fallback) {
    }

    private record Key(ModelRef primary, String scenario) {
    }

    private final Cache<Key, ModelRef> promoted;
    private final Duration ttl;
    private volatile ResilienceSharing sharing = ResilienceSharing.NONE;

    public Promotions(Duration ttl, Ticker ticker) {
        this.ttl = ttl;
        this.promoted = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(10_000).build();
    }

    /** Tells {@code sharing} of every change made here from now on. */
    public void shareWith(ResilienceSharing sharing) {
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    public Duration ttl() {
        return ttl;
    }

    public void promote(ModelRef primary, String scenario, ModelRef fallback) {
        Promoted promotion = new Promoted(primary, scenario, fallback);
        applyPromoted(promotion);
        sharing.promoted(promotion);
    }

    public Optional<ModelRef> promoted(ModelRef primary, String scenario) {
        return Optional.ofNullable(promoted.getIfPresent(new Key(primary, scenario)));
    }

    /** Forgets every promotion made for {@code primary} (it recovered). */
    public void clearPrimary(ModelRef primary) {
        if (applyPrimaryCleared(primary)) {
            sharing.primaryCleared(primary);
        }
    }

    /** Forgets every promotion to {@code fallback} (it failed). */
    public void clearFallback(ModelRef fallback) {
        if (applyFallbackCleared(fallback)) {
            sharing.fallbackCleared(fallback);
        }
    }

    /* --------------- What another instance did --------------- */

    /** The promotions in force here, to hand to the other instances after the shared store was away. */
    public List<Promoted> all() {
        return promoted.asMap().entrySet().stream()
                .map(e -> new Promoted(e.getKey().primary(), e.getKey().scenario(), e.getValue()))
                .toList();
    }

    public void applyPromoted(Promoted promotion) {
        promoted.put(new Key(promotion.primary(), promotion.scenario()), promotion.fallback());
    }

    /** @return whether there was anything to forget */
    public boolean applyPrimaryCleared(ModelRef primary) {
        return promoted.asMap().keySet().removeIf(key -> key.primary().equals(primary));
    }

    /** @return whether there was anything to forget */
    public boolean applyFallbackCleared(ModelRef fallback) {
        return promoted.asMap().values().removeIf(fallback::equals);
    }
}
