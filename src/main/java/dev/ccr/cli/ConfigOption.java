package dev.ccr.cli;

import dev.ccr.config.CcrHome;
import dev.ccr.config.ConfigStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The {@code --config FILE} option shared by commands that read the config. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file to use (default: ~/.claude-code-router/config.json).")
    Path file;

    ConfigStore store(Map<String, String> env) {
        Path path = file != null ? file : CcrHome.resolve(env).configFile();
        return new ConfigStore(path, env, Clock.systemUTC());
    }
}
