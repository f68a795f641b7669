package dev.ccr.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.limits.ClientKeys;
import dev.ccr.limits.KeyLimits;
import dev.ccr.limits.LimitCounters;
import dev.ccr.quota.Quotas;
import dev.ccr.routing.SessionUsage;
import dev.ccr.shared.RedisCounters;
import dev.ccr.shared.RedisSessionUsage;
import dev.ccr.shared.RedisState;
import dev.ccr.shared.SharedQuotas;
import dev.ccr.usage.JdbcUsageStore;
import dev.ccr.usage.UsageStore;

import java.time.Clock;
import java.util.Optional;

/**
 * Reads a team's settings: where its instances share their state ({@code "STATE": {"redis": "redis://host:6379/0"}}:
 * breakers and promotions, limit counters, quotas, sessions' last usage) and its client keys ({@code CLIENT_KEYS}).
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

    /** A team's quota snapshots shared through Redis, when there is one. */
    static void shareQuotas(Optional<RedisState> redis, Quotas quotas) {
        redis.ifPresent(r -> SharedQuotas.share(r, quotas.store()));
    }

    /** Each session's last usage: in Redis for a team, else this instance's own (CCR's cache). */
    static SessionUsage sessions(Optional<RedisState> redis, Clock clock) {
        return redis.<SessionUsage>map(r -> RedisSessionUsage.share(r, clock)).orElseGet(SessionUsage::embedded);
    }

    /**
     * {@code GET /api/health}'s {@code shared}: {@code {"state": "embedded"}} or {@code {"state": "redis", "where",
     * "degraded"}}, and {@code "usage": {"store", "reachable"}} ({@code "sqlite"} or {@code postgresql://host/db}). A load balancer may keep sending to a degraded
     * instance: it serves on its own state.
     */
    static ObjectNode health(Optional<RedisState> redis, UsageStore usage) {
        ObjectNode shared = JsonNodeFactory.instance.objectNode();
        redis.ifPresentOrElse(r -> shared.put("state", "redis").put("where", r.where()).put("degraded", r.degraded()),
                () -> shared.put("state", "embedded"));
        if (usage instanceof JdbcUsageStore team) { // the shared database; the embedded file opens in the background
            shared.putObject("usage").put("store", team.name()).put("reachable", team.reachable());
        } else {
            shared.putObject("usage").put("store", "sqlite").put("reachable", true);
        }
        return shared;
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
