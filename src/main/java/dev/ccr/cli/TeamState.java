package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.limits.ClientKeys;
import dev.ccr.limits.KeyLimits;
import dev.ccr.limits.LimitCounters;
import dev.ccr.shared.RedisCounters;
import dev.ccr.shared.RedisState;

import java.time.Clock;

import java.util.Optional;

/**
 * Reads a team's settings: where its instances share their state ({@code "STATE": {"redis": "redis://host:6379/0"}})
 * and its client keys ({@code CLIENT_KEYS}).
 */
final class TeamState {
    /** The config key of the shared-state settings; unset: each instance keeps its state to itself. */
    static final String STATE = "STATE";

    private TeamState() {
    }

    /** The client keys and their limits, counted in Redis when there is one, else in this instance. */
    static KeyLimits limits(Config config, Optional<RedisState> redis, Clock clock) {
        ClientKeys keys;
        try {
            keys = ClientKeys.parse(config.resolved());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        LimitCounters counters = redis.<LimitCounters>map(RedisCounters::new).orElseGet(LimitCounters::embedded);
        return new KeyLimits(keys, counters, clock);
    }

    /** A connection to the configured Redis, or empty for the embedded state. */
    static Optional<RedisState> redis(Config config) {
        String uri = config.resolved().path(STATE).path("redis").asText("");
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) { // the URI may hold a password: not repeated
            throw new IllegalStateException(STATE + ".redis must be a redis://host:port/db (or rediss://) URI");
        }
        return Optional.of(RedisState.connect(uri));
    }
}
