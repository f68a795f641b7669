package dev.ccr.server;

import dev.ccr.config.ConfigException;

import java.util.List;

/** Applies the config file as saved now, without a restart; refuses with the problems when it does not validate. */
@FunctionalInterface
public interface ConfigReload {
    /** @return the changed settings that apply only at the next start (the address, the key, the scripts ...) */
    List<String> apply() throws ConfigException;
}
