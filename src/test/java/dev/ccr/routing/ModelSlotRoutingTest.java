package dev.ccr.routing;

import dev.ccr.config.Config;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model ids {@code ccr code} gives Claude Code's slots ({@code launch.ClaudeModelSlots}) route exactly as Claude
 * Code's own names for the family: scenario routing stays on.
 */
class ModelSlotRoutingTest {
    @Test
    void theSlotIdsRouteLikeClaudeCodesOwnNames() {
        Config config = withRouter("{\"default\":\"p,m\",\"background\":\"p,m2\",\"think\":\"p,m3\"}");

        assertThat(decide(config, claudeCode("claude-sonnet-ccr")).target()).contains(new Target("p", "m"));
        assertThat(decide(config, claudeCode("claude-opus-ccr")).target()).contains(new Target("p", "m"));
        RouteDecision haiku = decide(config, claudeCode("claude-haiku-ccr"));
        assertThat(haiku.target()).contains(new Target("p", "m2"));
        assertThat(haiku.scenario()).isEqualTo("background");
        var thinking = claudeCode("claude-opus-ccr");
        thinking.putObject("thinking").put("type", "enabled").put("budget_tokens", 2000);
        assertThat(decide(config, thinking).scenario()).isEqualTo("think");
    }

    @Test
    void withFamilyRoutingTheSlotIdsReachTheirFamilies() {
        Config config = withRouter("""
                {"default":"p,m","enableFamilyRouting":true,
                 "families":{"opus":{"default":"p,m3"},"haiku":{"default":"p,m2"}}}""");

        assertThat(decide(config, claudeCode("claude-opus-ccr")).target()).contains(new Target("p", "m3"));
        assertThat(decide(config, claudeCode("claude-haiku-ccr")).target()).contains(new Target("p", "m2"));
        assertThat(decide(config, claudeCode("claude-sonnet-ccr")).target()).contains(new Target("p", "m"));
    }
}
