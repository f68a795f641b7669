package dev.ccr.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ccr.limits.LimitCounters;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client keys' limit counters in Redis, shared by every instance: each change is one Lua script, so counting and
 * setting the expiry happen in one atomic step in Redis and never as a read-modify-write from here. While Redis is
 * away, this instance counts in its own memory (its limits then hold per instance) until Redis is back.
 *
 * <p>Waiting for Redis on every request cost about 0.9 ms at one connection (docs/benchmarks.md). So while a key's
 * count is at most half its limit, the request is answered from the last count Redis returned for that key, raised
 * by this instance's own requests since, and its increment goes to Redis with the others of the next
 * {@link #FLUSH_AFTER}, without waiting; near the limit, and for a key's first request in a window, the count is
 * Redis's own (increments not yet sent included). Redis's counters end up exact either way; only a request far below
 * the limit is admitted on a count up to that much old.
 */
public final class RedisCounters implements LimitCounters {
    private static final String PREFIX = "ccr:limit:";
    /** How long the increments of requests far below their limit gather before they are sent as one. */
    static final Duration FLUSH_AFTER = Duration.ofMillis(50);
    /**
     * KEYS[1] request counter, KEYS[2] token counter; ARGV[1] the window in ms, ARGV[2] the requests to add. Returns
     * {requests, tokens}.
     */
    private static final String COUNT_REQUEST = """
            local requests = redis.call('INCRBY', KEYS[1], ARGV[2])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {requests, tonumber(redis.call('GET', KEYS[2])) or 0}""";
    /** KEYS[1] token counter; ARGV[1] tokens, ARGV[2] time to live in ms. */
    private static final String ADD_TOKENS = """
            local tokens = redis.call('INCRBY', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return tokens""";

    private final RedisState redis;
    private final LimitCounters local = LimitCounters.embedded();
    /** By request key: the counts Redis last returned, raised by this instance's requests since. */
    private final Cache<String, Heard> heard = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2)).maximumSize(10_000).build();

    /** {@code unsent}: this instance's requests counted in {@code requests} but not yet sent to Redis. */
    private record Heard(AtomicLong requests, AtomicLong tokens, AtomicLong unsent) {
        Heard() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong());
        }

        void raise(Counts counts) {
            requests.accumulateAndGet(counts.requests(), Math::max);
            tokens.accumulateAndGet(counts.tokens(), Math::max);
        }
    }

    public RedisCounters(RedisState redis) {
        this.redis = redis;
    }

    @Override
    public Counts countRequest(String requestKey, Duration window, String tokenKey, Ceilings ceilings) {
        if (!redis.degraded()) {
            Heard last = heard.getIfPresent(requestKey);
            long requests = 1;
            if (last != null) {
                Counts estimate = new Counts(last.requests().incrementAndGet(), last.tokens().get());
                if (farBelow(estimate.requests(), ceilings.requests()) && farBelow(estimate.tokens(), ceilings.tokens())) {
                    if (last.unsent().getAndIncrement() == 0) {
                        CompletableFuture.runAsync(() -> flush(requestKey, window, tokenKey, last),
                                CompletableFuture.delayedExecutor(FLUSH_AFTER.toMillis(), TimeUnit.MILLISECONDS));
                    }
                    return estimate;
                }
                requests += last.unsent().getAndSet(0);
            }
            try {
                List<Long> counts = redis.connection().orElseThrow().sync().eval(COUNT_REQUEST, ScriptOutputType.MULTI,
                        keys(requestKey, tokenKey), String.valueOf(window.toMillis()), String.valueOf(requests));
                Counts exact = new Counts(counts.get(0), counts.get(1));
                heard.get(requestKey, k -> new Heard()).raise(exact);
                return exact;
            } catch (RuntimeException e) {
                // Redis went away mid-call: these requests are counted here, as the next ones will be until it is back
                countLocally(requestKey, window, tokenKey, ceilings, requests - 1);
            }
        }
        return local.countRequest(requestKey, window, tokenKey, ceilings);
    }

    /** Sends the requests gathered for {@code requestKey} as one increment. */
    private void flush(String requestKey, Duration window, String tokenKey, Heard last) {
        long requests = last.unsent().getAndSet(0);
        if (requests == 0) {
            return;
        }
        Ceilings none = new Ceilings(Long.MAX_VALUE, Long.MAX_VALUE);
        if (redis.degraded()) {
            countLocally(requestKey, window, tokenKey, none, requests);
            return;
        }
        redis.connection().orElseThrow().async().<List<Long>>eval(COUNT_REQUEST, ScriptOutputType.MULTI,
                        keys(requestKey, tokenKey), String.valueOf(window.toMillis()), String.valueOf(requests))
                .thenAccept(counts -> last.raise(new Counts(counts.get(0), counts.get(1))))
                .exceptionally(e -> {
                    countLocally(requestKey, window, tokenKey, none, requests);
                    return null;
                });
    }

    private void countLocally(String requestKey, Duration window, String tokenKey, Ceilings ceilings, long requests) {
        for (long i = 0; i < requests; i++) {
            local.countRequest(requestKey, window, tokenKey, ceilings);
        }
    }

    private static boolean farBelow(long count, long ceiling) {
        return count <= ceiling / 2;
    }

    private static String[] keys(String requestKey, String tokenKey) {
        return new String[]{PREFIX + requestKey, PREFIX + tokenKey};
    }

    @Override
    public void addTokens(String tokenKey, long tokens, Duration ttl) {
        if (redis.degraded()) {
            local.addTokens(tokenKey, tokens, ttl);
            return;
        }
        redis.connection().orElseThrow().async().eval(ADD_TOKENS, ScriptOutputType.INTEGER, new String[]{PREFIX + tokenKey},
                        String.valueOf(tokens), String.valueOf(ttl.toMillis()))
                .exceptionally(e -> {
                    local.addTokens(tokenKey, tokens, ttl);
                    return null;
                });
    }
}
