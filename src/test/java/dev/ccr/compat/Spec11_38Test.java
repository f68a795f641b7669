package dev.ccr.compat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Router;
import dev.ccr.routing.RoutingEnvironment;
import dev.ccr.routing.RoutingFixtures;
import dev.ccr.routing.SessionId;
import dev.ccr.routing.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec §11 item 38: the session id is also read from the JSON string {@code metadata.user_id} that current Claude Code
 * sends ({@code {"session_id":"S1"}}), so session features keep working (pitfall P-14).
 */
class Spec11_38Test {
    @Test
    void item38_theJsonUserIdNamesTheSessionForProjectRouting() throws IOException {
        Config config = withRouter("{\"default\":\"p,m\"}");
        RoutingEnvironment env = RoutingFixtures.environment(RoutingFixtures.tempDir());
        Spec11_37Test.write(env.claudeProjects().resolve("-home-u-proj/S1.jsonl"), "{}\n");
        Spec11_37Test.write(env.ccrHome().resolve("-home-u-proj/config.json"), "{\"Router\":{\"default\":\"p,m2\"}}");
        ObjectNode body = claudeCode("claude-sonnet-5"); // metadata.user_id = {"device_id":"d","account_uuid":"","session_id":"S1"}

        RouteDecision decision = Router.ccrDefault(env).decide(RoutingFixtures.request(body, config));

        assertThat(decision.session()).contains(new SessionId("S1", "metadata.user_id, JSON session_id"));
        assertThat(decision.target()).contains(new Target("p", "m2"));
    }
}
