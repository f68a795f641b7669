package dev.ccr.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Limit counters in this instance's memory, each forgotten when its window is over. */
final class EmbeddedCounters implements LimitCounters {
    /** A count and how long it is kept from its creation. */
    private record Counter(AtomicLong value, Duration ttl) {
    }

    private final Cache<String, Counter> counters = Caffeine.newBuilder()
            .expireAfter(Expiry.<String, Counter>creating((key, counter) -> counter.ttl()))
            .build();

    @Override
    public Counts countRequest(String requestKey, Duration window, String tokenKey, Ceilings ceilings) {
        long requests = counter(requestKey, window).value().incrementAndGet();
        Counter tokens = counters.getIfPresent(tokenKey);
        return new Counts(requests, tokens == null ? 0 : tokens.value().get());
    }

    @Override
    public void addTokens(String tokenKey, long tokens, Duration ttl) {
        counter(tokenKey, ttl).value().addAndGet(tokens);
    }

    private Counter counter(String key, Duration ttl) {
        return counters.get(key, k -> new Counter(new AtomicLong(), ttl));
    }
}
