package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code thinking: {type: "enabled"}} goes to {@code Router.think}. */
@Tag("ccr-11.27")
class ThinkRuleTest {
    private static final Config CONFIG = withRouter("{\"default\":\"p,m\",\"think\":\"p,m2\"}");

    static ObjectNode thinking(String model) {
        ObjectNode body = claudeCode(model);
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", 31999);
        return body;
    }

    @Test
    void enabledThinkingGoesToThink() {
        RouteDecision decision = decide(CONFIG, thinking("claude-sonnet-5"));
        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("think");
        assertThat(decision.decidingStep()).get().satisfies(s -> {
            assertThat(s.rule()).isEqualTo("think");
            assertThat(s.reason()).isEqualTo("thinking.type is enabled; Router.think is p,m2");
        });
    }

    @Test
    void theProviderReceivesTheThinkModel() {
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\",\"think\":\"p,m2\"}")) {
            assertThat(ccr.routedModel(thinking("claude-sonnet-5").toString())).isEqualTo("m2");
        }
    }
}
