package dev.ccr.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder ccr keeps its files in, {@code ~/.claude-code-router} by default, and the paths inside it.
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
        return new CcrHome(userHome(env).resolve(".claude-code-router"));
    }

    /**
     * The user's home as Node's {@code os.homedir()} sees it, which is what CCR and Claude Code use: {@code $HOME}
     * when set, else the JVM's {@code user.home} (which on Linux ignores {@code $HOME}).
     */
    public static Path userHome(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
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

    /** Where the breakers' states persist across restarts. */
    public Path healthFile() {
        return runtime().resolve("provider-health.json");
    }

    /** The usage records ({@code usage.sqlite}, the legacy {@code usage.jsonl}, a team's pending records). */
    public Path data() {
        return dir.resolve("data");
    }

    public Path pidFile() {
        return dir.resolve(".claude-code-router.pid");
    }
}
