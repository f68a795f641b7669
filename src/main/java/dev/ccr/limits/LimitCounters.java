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

    /**
     * The limits the counts will be held against: a shared counter may answer from what it last heard while a count is
     * far below them, and asks when it is near. {@link Long#MAX_VALUE} where there is no limit.
     */
    record Ceilings(long requests, long tokens) {
    }

    /**
     * Counts one request under {@code requestKey} (kept for {@code window}) and reads {@code tokenKey}, in one step;
     * exact near {@code ceilings}.
     */
    Counts countRequest(String requestKey, Duration window, String tokenKey, Ceilings ceilings);

    /** Adds {@code tokens} under {@code tokenKey}, kept for {@code ttl} from its first addition. */
    void addTokens(String tokenKey, long tokens, Duration ttl);

    /** Counters in this instance's memory. */
    static LimitCounters embedded() {
        return new EmbeddedCounters();
    }
}
