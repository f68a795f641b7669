package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/** A {@code web_search*} server tool beats thinking. */
@Tag("ccr-11.28")
class WebSearchRuleTest {
    @Test
    void webSearchWinsOverThink() {
        Config config = withRouter("{\"default\":\"p,m\",\"think\":\"p,m3\",\"webSearch\":\"p,m2\"}");
        ObjectNode body = ThinkRuleTest.thinking("claude-sonnet-5");
        body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search");

        RouteDecision decision = decide(config, body);

        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("webSearch");
        assertThat(decision.decidingStep()).get().satisfies(s ->
                assertThat(s.reason()).isEqualTo("tool of type web_search_20250305; Router.webSearch is p,m2"));
    }

    @Test
    void claudeCodesOwnWebSearchToolIsNotAServerTool() {
        Config config = withRouter("{\"default\":\"p,m\",\"webSearch\":\"p,m2\"}");
        ObjectNode body = claudeCode("claude-sonnet-5");
        body.withArray("tools").addObject().put("name", "WebSearch").put("description", "Search the web")
                .putObject("input_schema").put("type", "object");
        assertThat(decide(config, body).target()).contains(new Target("p", "m"));
    }
}
