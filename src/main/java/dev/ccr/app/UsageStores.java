package dev.ccr.app;

import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.usage.JdbcUsageStore;
import dev.ccr.usage.UsageStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the fork's usage records go (docs/usage.md): {@code data/usage.sqlite} next to the config, the legacy
 * {@code data/usage.jsonl} imported once; or, when {@code USAGE_DB} names one, a team's shared PostgreSQL database.
 * Records older than {@code USAGE_RETENTION_DAYS} (default 180, 0 keeps all) are dropped.
 */
final class UsageStores {
    /** The config key naming how many days usage records are kept. */
    static final String USAGE_RETENTION_DAYS = "USAGE_RETENTION_DAYS";
    private static final long DEFAULT_RETENTION_DAYS = 180;
    /** The config key naming a team's shared usage database, {@code jdbc:postgresql://...}; unset: the SQLite file. */
    static final String USAGE_DB = "USAGE_DB";

    private UsageStores() {
    }

    static UsageStore open(Config config, CcrHome home, Clock clock) {
        Path data = home.data();
        long days = config.resolved().path(USAGE_RETENTION_DAYS).asLong(DEFAULT_RETENTION_DAYS);
        Duration retention = Duration.ofDays(Math.max(days, 0));
        String shared = config.resolved().path(USAGE_DB).asText("");
        if (shared.startsWith("jdbc:postgresql:")) {
            return JdbcUsageStore.openPostgres(shared, data.resolve("usage-pending.jsonl"), clock, retention);
        } else if (!shared.isEmpty()) { // the URL itself may hold a password: not repeated here
            throw new IllegalStateException(USAGE_DB + " must be a jdbc:postgresql://host:port/database URL");
        }
        return UsageStore.openInBackground(() -> JdbcUsageStore.openSqlite(data.resolve("usage.sqlite"),
                Optional.of(data.resolve("usage.jsonl")), clock, retention));
    }
}
