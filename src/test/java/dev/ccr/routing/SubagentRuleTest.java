package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code <CCR-SUBAGENT-MODEL>p,m2</CCR-SUBAGENT-MODEL>} at the start of {@code system[1]} routes to
 * {@code m2} and the tag is removed from the forwarded prompt. CCR 2.0 ignores the tag elsewhere; ccr finds it in
 * every system block and the first user message (an improvement, tested in ClaudeCodeImprovementsTest).
 */
@Tag("ccr-11.33")
class SubagentRuleTest {
    @Test
    void theTagRoutesAndIsRemovedFromTheForwardedPrompt() {
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\"}")) {
            ObjectNode body = claudeCode("claude-sonnet-5");
            ((ObjectNode) body.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL>p,m2</CCR-SUBAGENT-MODEL>You are…");

            JsonNode forwarded = ccr.send(body.toString());

            assertThat(forwarded.path("model").asText()).isEqualTo("m2");
            assertThat(forwarded.at("/system/1/text").asText()).isEqualTo("You are…");
            assertThat(forwarded.at("/system/2")).isEqualTo(body.at("/system/2"));
        }
    }

    @Test
    void theScenarioIsDefaultAndTheRuleIsSubagent() {
        Config config = withRouter("{\"default\":\"p,m\"}");
        ObjectNode body = claudeCode("claude-sonnet-5");
        ((ObjectNode) body.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL>p,m2</CCR-SUBAGENT-MODEL>You are…");
        var decision = decide(config, body);
        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("default");
        assertThat(decision.decidingStep()).get().satisfies(s -> {
            assertThat(s.rule()).isEqualTo("subagent");
            assertThat(s.reason()).isEqualTo("the tag in /system/1/text asks for p,m2");
        });
    }
}
