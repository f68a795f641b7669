package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.shared.RedisState;

import java.util.Optional;

/** Reads where a team's instances share their state ({@code "STATE": {"redis": "redis://host:6379/0"}}). */
final class TeamState {
    /** The config key of the shared-state settings; unset: each instance keeps its state to itself. */
    static final String STATE = "STATE";

    private TeamState() {
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
