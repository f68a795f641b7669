package dev.ccr.compat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §11 item 28: a {@code web_search*} server tool beats thinking. */
class Spec11_28Test {
    @Test
    void item28_webSearchWinsOverThink() {
        Config config = withRouter("{\"default\":\"p,m\",\"think\":\"p,m3\",\"webSearch\":\"p,m2\"}");
        ObjectNode body = Spec11_27Test.thinking("claude-sonnet-5");
        body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search");

        RouteDecision decision = decide(config, body);

        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("webSearch");
        assertThat(decision.decidingStep()).get().satisfies(s ->
                assertThat(s.reason()).isEqualTo("tool of type web_search_20250305; Router.webSearch is p,m2"));
    }

    @Test
    void item28_claudeCodesOwnWebSearchToolIsNotAServerTool() {
        Config config = withRouter("{\"default\":\"p,m\",\"webSearch\":\"p,m2\"}");
        ObjectNode body = claudeCode("claude-sonnet-5");
        body.withArray("tools").addObject().put("name", "WebSearch").put("description", "Search the web")
                .putObject("input_schema").put("type", "object");
        assertThat(decide(config, body).target()).contains(new Target("p", "m"));
    }
}
