package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session id is also read from the JSON string {@code metadata.user_id} that current Claude Code
 * sends ({@code {"session_id":"S1"}}), so session features keep working (pitfall P-14).
 */
@Tag("ccr-11.38")
class SessionIdTest {
    @Test
    void theJsonUserIdNamesTheSessionForProjectRouting() throws IOException {
        Config config = withRouter("{\"default\":\"p,m\"}");
        RoutingEnvironment env = RoutingFixtures.environment(RoutingFixtures.tempDir());
        ProjectRoutersTest.write(env.claudeProjects().resolve("-home-u-proj/S1.jsonl"), "{}\n");
        ProjectRoutersTest.write(env.ccrHome().resolve("-home-u-proj/config.json"), "{\"Router\":{\"default\":\"p,m2\"}}");
        ObjectNode body = claudeCode("claude-sonnet-5"); // metadata.user_id = {"device_id":"d","account_uuid":"","session_id":"S1"}

        RouteDecision decision = Router.ccrDefault(env).decide(RoutingFixtures.request(body, config));

        assertThat(decision.session()).contains(new SessionId("S1", "metadata.user_id, JSON session_id"));
        assertThat(decision.target()).contains(new Target("p", "m2"));
    }
}
