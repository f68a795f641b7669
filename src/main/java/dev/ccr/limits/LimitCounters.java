package dev.ccr.limits;

import java.time.Duration;

/**
 * Where the client keys' counters live: in this instance ({@link #embedded()}) or in Redis for a team, where every
 * change is one atomic step in Redis. Counters expire on their own; callers put the window in the name.
 */
public interface LimitCounters {
    /** The requests counted in a window (this one included) and the tokens counted so far in another. */
    record Counts(long requests, long tokens) {
    }

    /** Counts one request under {@code requestKey} (kept for {@code window}) and reads {@code tokenKey}, in one step. */
    Counts countRequest(String requestKey, Duration window, String tokenKey);

    /** Adds {@code tokens} under {@code tokenKey}, kept for {@code ttl} from its first addition. */
    void addTokens(String tokenKey, long tokens, Duration ttl);

    /** Counters in this instance's memory. */
    static LimitCounters embedded() {
        return new EmbeddedCounters();
    }
}
