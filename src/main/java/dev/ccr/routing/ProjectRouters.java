package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigParser;
import dev.ccr.config.ConfigProblem;
import dev.ccr.config.Json5;
import dev.ccr.config.RouterSettings;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the project and session Router for a session (docs/ccr-checklist.md item 37): the project is the folder of
 * {@code ~/.claude/projects} holding the session's transcript {@code <session>.jsonl}; its Router comes from
 * {@code ~/.claude-code-router/<project>/<session>.json}, else {@code ~/.claude-code-router/<project>/config.json}.
 *
 * <p>Project lookups are cached per session (1000, as CCR). CCR also caches a miss forever, so a session whose
 * transcript did not exist yet at its first request never gets its project Router (pitfall P-14); ccr forgets a miss
 * after {@link #MISS_TTL}. Router files are read on every request, so edits apply at once, as in CCR; they are read
 * as JSON5 with {@code $VAR}s expanded, like the main config.
 */
final class ProjectRouters {
    /** CCR's sessionProjectCache holds 1000 sessions. */
    static final int CAPACITY = 1000;
    /** How long "this session has no transcript yet" is believed. */
    static final Duration MISS_TTL = Duration.ofSeconds(10);

    private final RoutingEnvironment environment;
    private final Cache<String, Optional<String>> projects;

    ProjectRouters(RoutingEnvironment environment) {
        this.environment = environment;
        this.projects = Caffeine.newBuilder()
                .maximumSize(CAPACITY)
                .ticker(() -> {
                    Instant now = environment.clock().instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .expireAfter(new Expiry<String, Optional<String>>() {
                    @Override
                    public long expireAfterCreate(String key, Optional<String> value, long currentTime) {
                        return value.isPresent() ? Long.MAX_VALUE : MISS_TTL.toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Optional<String> value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Optional<String> value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** What was found for a session: its project, the Router that applies to it, and a sentence for the trace. */
    record Found(Optional<String> project, Optional<RouterSettings> router, String note) {
        static final Found NOTHING = new Found(Optional.empty(), Optional.empty(), "no session id, so no project Router");
    }

    Found find(Optional<SessionId> session) {
        if (session.isEmpty()) {
            return Found.NOTHING;
        }
        String id = session.get().id();
        Optional<String> project = projects.get(id, this::scan);
        if (project.isEmpty()) {
            return new Found(Optional.empty(), Optional.empty(), "no transcript " + id + ".jsonl under " + environment.claudeProjects()
                    + ", so no project Router");
        }
        Path dir = environment.ccrHome().resolve(project.get());
        for (Path file : new Path[] {dir.resolve(id + ".json"), dir.resolve("config.json")}) {
            Optional<Found> found = read(project.get(), file);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return new Found(project, Optional.empty(), "project " + project.get() + " has no Router in " + dir + ", so the global Router applies");
    }

    /** The first project folder holding {@code <session>.jsonl}. */
    private Optional<String> scan(String sessionId) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(environment.claudeProjects(), Files::isDirectory)) {
            for (Path folder : folders) {
                if (Files.isRegularFile(folder.resolve(sessionId + ".jsonl"))) {
                    return Optional.of(folder.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no projects folder (Claude Code never ran here) or unreadable: no project
        }
        return Optional.empty();
    }

    /** The Router in {@code file}, if the file exists and has a non-empty one; a broken file is reported, not used. */
    private Optional<Found> read(String project, Path file) {
        JsonNode router;
        try {
            router = Json5.parse(Files.readString(file)).path("Router");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Found(Optional.of(project), Optional.empty(),
                    "project " + project + ": " + file + " is unreadable (" + e.getMessage() + "), so the global Router applies"));
        }
        if (!router.isObject() || router.isEmpty()) {
            return Optional.empty();
        }
        try {
            RouterSettings settings = ConfigParser.parseRouter(router, environment.env(), file.getParent());
            return Optional.of(new Found(Optional.of(project), Optional.of(settings),
                    "project " + project + ": the Router in " + file + " replaces the global one (background still uses the global Router)"));
        } catch (ConfigException e) {
            String problems = e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
            return Optional.of(new Found(Optional.of(project), Optional.empty(),
                    "project " + project + ": the Router in " + file + " is invalid (" + problems + "), so the global Router applies"));
        }
    }
}
