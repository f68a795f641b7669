package dev.ccr.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder ccr keeps its files in, {@code ~/.claude-code-router} by default (spec §6.1), and the paths inside it.
 *
 * <p>Overridden by the system property {@code ccr.home} (tests) or the environment variable {@code CCR_CONFIG_DIR}
 * (as in the CCR fork's profiles).
 */
public record CcrHome(Path dir) {
    public static CcrHome resolve(Map<String, String> env) {
        String property = System.getProperty("ccr.home");
        if (property != null && !property.isBlank()) {
            return new CcrHome(Path.of(property));
        }
        String configured = env.get("CCR_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            return new CcrHome(Path.of(configured));
        }
        return new CcrHome(Path.of(System.getProperty("user.home"), ".claude-code-router"));
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path plugins() {
        return dir.resolve("plugins");
    }

    public Path presets() {
        return dir.resolve("presets");
    }

    public Path runtime() {
        return dir.resolve("runtime");
    }

    public Path pidFile() {
        return dir.resolve(".claude-code-router.pid");
    }
}
