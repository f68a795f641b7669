package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session whose transcript lives in {@code ~/.claude/projects/-home-u-proj/} is routed by
 * {@code ~/.claude-code-router/-home-u-proj/config.json}'s Router, and {@code <session>.json} there wins (docs/routing.md).
 */
@Tag("ccr-11.37")
class ProjectRoutersTest {
    private static final Config CONFIG = withRouter("{\"default\":\"p,m\",\"background\":\"p,m3\"}");

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theProjectRouterReplacesTheGlobalOne() throws IOException {
        Path root = RoutingFixtures.tempDir();
        RoutingEnvironment env = RoutingFixtures.environment(root);
        write(env.claudeProjects().resolve("-home-u-proj/S1.jsonl"), "{}\n");
        write(env.ccrHome().resolve("-home-u-proj/config.json"), "{\"Router\":{\"default\":\"p,m2\"}}");

        RouteDecision decision = Router.ccrDefault(env).decide(RoutingFixtures.request(claudeCode("claude-sonnet-5"), CONFIG));

        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.trace().getFirst().reason()).contains("project -home-u-proj").contains("config.json replaces the global one");
    }

    @Test
    void theSessionFileWinsOverTheProjectFile() throws IOException {
        Path root = RoutingFixtures.tempDir();
        RoutingEnvironment env = RoutingFixtures.environment(root);
        write(env.claudeProjects().resolve("-home-u-proj/S1.jsonl"), "{}\n");
        write(env.ccrHome().resolve("-home-u-proj/config.json"), "{\"Router\":{\"default\":\"p,m2\"}}");
        write(env.ccrHome().resolve("-home-u-proj/S1.json"), "{\"Router\":{\"default\":\"p,m4\"}}");

        Router router = Router.ccrDefault(env);
        assertThat(router.decide(RoutingFixtures.request(claudeCode("claude-sonnet-5"), CONFIG)).target()).contains(new Target("p", "m4"));
        // another session of the same project gets the project file
        ObjectNode other = claudeCode("claude-sonnet-5");
        other.putObject("metadata").put("user_id", "user_x_account__session_S2");
        write(env.claudeProjects().resolve("-home-u-proj/S2.jsonl"), "{}\n");
        assertThat(router.decide(RoutingFixtures.request(other, CONFIG)).target()).contains(new Target("p", "m2"));
    }

    @Test
    void backgroundStillUsesTheGlobalRouter() throws IOException {
        Path root = RoutingFixtures.tempDir();
        RoutingEnvironment env = RoutingFixtures.environment(root);
        write(env.claudeProjects().resolve("-home-u-proj/S1.jsonl"), "{}\n");
        write(env.ccrHome().resolve("-home-u-proj/config.json"), "{\"Router\":{\"default\":\"p,m2\",\"background\":\"p,m4\"}}");
        RouteDecision decision = Router.ccrDefault(env).decide(RoutingFixtures.request(claudeCode("claude-haiku-4-5"), CONFIG));
        assertThat(decision.target()).contains(new Target("p", "m3"));
    }

    @Test
    void aBrokenProjectFileIsReportedAndTheGlobalRouterApplies() throws IOException {
        Path root = RoutingFixtures.tempDir();
        RoutingEnvironment env = RoutingFixtures.environment(root);
        write(env.claudeProjects().resolve("-home-u-proj/S1.jsonl"), "{}\n");
        write(env.ccrHome().resolve("-home-u-proj/config.json"), "{\"Router\":{\"default\":\"p,m2\",\"families\":{\"gpt\":{}}}}");
        RouteDecision decision = Router.ccrDefault(env).decide(RoutingFixtures.request(claudeCode("claude-sonnet-5"), CONFIG));
        assertThat(decision.target()).contains(new Target("p", "m"));
        assertThat(decision.trace().getFirst().reason()).contains("is invalid").contains("Router.families.gpt");
    }

    @Test
    void aTranscriptThatAppearsLaterIsFoundOnceTheMissIsForgotten() throws IOException {
        // CCR caches the miss forever (pitfall P-14); ccr believes it for ten seconds.
        Path root = RoutingFixtures.tempDir();
        ManualClock clock = new ManualClock();
        RoutingEnvironment base = RoutingFixtures.environment(root);
        RoutingEnvironment env = new RoutingEnvironment(base.ccrHome(), base.claudeProjects(), Map.of(), clock);
        write(env.ccrHome().resolve("-home-u-proj/config.json"), "{\"Router\":{\"default\":\"p,m2\"}}");
        Files.createDirectories(env.claudeProjects().resolve("-home-u-proj"));
        Router router = Router.ccrDefault(env);

        // 1. first request: Claude Code has not written the transcript yet
        assertThat(router.decide(RoutingFixtures.request(claudeCode("claude-sonnet-5"), CONFIG)).target()).contains(new Target("p", "m"));
        // 2. the transcript appears; the miss is still believed
        write(env.claudeProjects().resolve("-home-u-proj/S1.jsonl"), "{}\n");
        clock.advance(Duration.ofSeconds(5));
        assertThat(router.decide(RoutingFixtures.request(claudeCode("claude-sonnet-5"), CONFIG)).target()).contains(new Target("p", "m"));
        // 3. after ten seconds the project is looked up again
        clock.advance(Duration.ofSeconds(6));
        assertThat(router.decide(RoutingFixtures.request(claudeCode("claude-sonnet-5"), CONFIG)).target()).contains(new Target("p", "m2"));
    }

    @Test
    void endToEndWithTheServersHomeFolders() throws IOException {
        // surefire points ccr.home at target/test-home and ccr.claude.dir at target/test-claude
        String project = "-home-u-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        write(Path.of(System.getProperty("ccr.claude.dir"), "projects", project, session + ".jsonl"), "{}\n");
        write(Path.of(System.getProperty("ccr.home"), project, "config.json"), "{\"Router\":{\"default\":\"p,m2\"}}");
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\"}")) {
            assertThat(ccr.routedModel(claudeCode("claude-sonnet-5").toString(), "x-claude-code-session-id", session)).isEqualTo("m");
            ObjectNode body = claudeCode("claude-sonnet-5");
            body.remove("metadata");
            assertThat(ccr.routedModel(body.toString(), "x-claude-code-session-id", session)).isEqualTo("m2");
        }
    }
}
