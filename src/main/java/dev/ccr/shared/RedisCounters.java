package dev.ccr.shared;

import dev.ccr.limits.LimitCounters;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.util.List;

/**
 * The client keys' limit counters in Redis, shared by every instance: each change is one Lua script, so counting and
 * setting the expiry happen in one atomic step in Redis and never as a read-modify-write from here. While Redis is
 * away, this instance counts in its own memory (its limits then hold per instance) until Redis is back.
 */
public final class RedisCounters implements LimitCounters {
    private static final String PREFIX = "ccr:limit:";
    /** KEYS[1] request counter, KEYS[2] token counter; ARGV[1] the window in ms. Returns {requests, tokens}. */
    private static final String COUNT_REQUEST = """
            local requests = redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {requests, tonumber(redis.call('GET', KEYS[2])) or 0}""";
    /** KEYS[1] token counter; ARGV[1] tokens, ARGV[2] time to live in ms. */
    private static final String ADD_TOKENS = """
            local tokens = redis.call('INCRBY', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return tokens""";

    private final RedisState redis;
    private final LimitCounters local = LimitCounters.embedded();

    public RedisCounters(RedisState redis) {
        this.redis = redis;
    }

    @Override
    public Counts countRequest(String requestKey, Duration window, String tokenKey) {
        if (!redis.degraded()) {
            try {
                List<Long> counts = redis.connection().orElseThrow().sync().eval(COUNT_REQUEST, ScriptOutputType.MULTI,
                        new String[]{PREFIX + requestKey, PREFIX + tokenKey}, String.valueOf(window.toMillis()));
                return new Counts(counts.get(0), counts.get(1));
            } catch (RuntimeException e) {
                // Redis went away mid-call: this request is counted here, as the next ones will be until it is back
            }
        }
        return local.countRequest(requestKey, window, tokenKey);
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
