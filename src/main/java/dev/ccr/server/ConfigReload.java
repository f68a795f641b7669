package dev.ccr.server;

import dev.ccr.config.ConfigException;

/** Applies the config file as saved now, without a restart; refuses with the problems when it does not validate. */
@FunctionalInterface
public interface ConfigReload {
    /** For a server whose config only applies at the next start. */
    ConfigReload NONE = () -> {
    };

    void apply() throws ConfigException;
}
