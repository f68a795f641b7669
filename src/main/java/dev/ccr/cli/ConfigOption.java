package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigStore;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The {@code --config FILE} option shared by commands that read the config. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file to use (default: the active profile's, ~/.claude-code-router/config.json for default).")
    Path file;

    /** The file this command uses. */
    Path path(CliContext context) {
        return file != null ? file.toAbsolutePath() : context.home().configFile();
    }

    ConfigStore store(CliContext context) {
        return new ConfigStore(path(context), context.env(), context.clock());
    }

    /** Loads the config (creating CCR's minimal default when missing); notices go to {@code notices}. */
    Config load(CliContext context, PrintWriter notices) throws ConfigException {
        return store(context).load(line -> {
            notices.println(line);
            notices.flush();
        });
    }
}
