package dev.ccr.routing;

import dev.ccr.config.CcrHome;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Where routing finds files outside the config, and its clock: ccr's home (project and session router files),
 * Claude Code's projects folder (session transcripts), the environment for {@code $VAR}s in those files.
 *
 * @param ccrHome        {@code ~/.claude-code-router}; holds {@code <project>/config.json} and {@code <project>/<session>.json}
 * @param claudeProjects {@code ~/.claude/projects}; holds {@code <project>/<session>.jsonl}
 */
public record RoutingEnvironment(Path ccrHome, Path claudeProjects, Map<String, String> env, Clock clock) {
    public RoutingEnvironment {
        Objects.requireNonNull(ccrHome, "ccrHome");
        Objects.requireNonNull(claudeProjects, "claudeProjects");
        env = Map.copyOf(env);
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The real ones: ccr's home as {@link CcrHome} resolves it, and Claude Code's folder from the system property
     * {@code ccr.claude.dir} (tests), else {@code CLAUDE_CONFIG_DIR} (Claude Code's own override), else {@code ~/.claude}.
     */
    public static RoutingEnvironment system() {
        Map<String, String> env = System.getenv();
        String property = System.getProperty("ccr.claude.dir");
        String configured = env.get("CLAUDE_CONFIG_DIR");
        Path claude = property != null && !property.isBlank() ? Path.of(property)
                : configured != null && !configured.isBlank() ? Path.of(configured)
                : CcrHome.userHome(env).resolve(".claude");
        return new RoutingEnvironment(CcrHome.resolve(env).dir(), claude.resolve("projects"), env, Clock.systemUTC());
    }
}
