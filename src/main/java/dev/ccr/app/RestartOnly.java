package dev.ccr.app;

import dev.ccr.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings a reload cannot apply, because what they shape was opened at start: the address bound and the key
 * that guards it, the upstream client, the usage store, a team's shared state and client keys, quota
 * polling and logging. A reload applies everything else and names these, so the user knows to restart.
 */
final class RestartOnly {
    private record Setting(String name, Function<Config, Object> value) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("HOST", Config::host),
            new Setting("PORT", Config::port),
            // Also guards the bound address: a key removed while listening beyond loopback must not open the door.
            new Setting("APIKEY", Config::apiKey),
            new Setting("PROXY_URL", Config::proxy),
            new Setting("connect timeout", c -> c.resilience().connectTimeout()),
            new Setting("quota", Config::quota),
            new Setting("LOG and LOG_LEVEL", c -> List.of(c.log(), c.logLevel())),
            new Setting("CLIENT_KEYS", c -> c.resolved().path("CLIENT_KEYS")),
            new Setting("USAGE_DB", c -> c.resolved().path(UsageStores.USAGE_DB)),
            new Setting("USAGE_RETENTION_DAYS", c -> c.resolved().path(UsageStores.USAGE_RETENTION_DAYS)),
            new Setting("STATE", c -> c.resolved().path(TeamState.STATE)));

    private RestartOnly() {
    }

    /** The names of the settings that differ between the config the router started with and {@code next}. */
    static List<String> changed(Config started, Config next) {
        List<String> changed = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            if (!Objects.equals(setting.value().apply(started), setting.value().apply(next))) {
                changed.add(setting.name());
            }
        }
        return changed;
    }
}
