package dev.ccr.routing;

import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/** Claude Haiku models go to {@code Router.background}, scenario {@code background}. */
@Tag("ccr-11.26")
class BackgroundRuleTest {
    private static final Config CONFIG = withRouter("{\"default\":\"p,m\",\"background\":\"p,m2\"}");

    @ParameterizedTest
    @ValueSource(strings = {"claude-3-5-haiku-20241022", "claude-haiku-4-5-20251001"})
    void haikuModelsAreBackgroundWork(String model) {
        RouteDecision decision = decide(CONFIG, claudeCode(model));
        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("background");
        assertThat(decision.decidingStep()).get().satisfies(s -> assertThat(s.rule()).isEqualTo("background"));
    }

    @Test
    void otherClaudeModelsAreNot() {
        assertThat(decide(CONFIG, claudeCode("claude-sonnet-5")).target()).contains(new Target("p", "m"));
    }

    @Test
    void theProviderReceivesTheBackgroundModel() {
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\",\"background\":\"p,m2\"}")) {
            assertThat(ccr.routedModel(claudeCode("claude-haiku-4-5-20251001").toString())).isEqualTo("m2");
            assertThat(ccr.routedModel(claudeCode("claude-opus-4-8").toString())).isEqualTo("m");
        }
    }
}
