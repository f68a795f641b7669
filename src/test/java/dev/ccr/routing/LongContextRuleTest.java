package dev.ccr.routing;

import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/** More tokens than the threshold (default 60000) go to {@code Router.longContext}. */
@Tag("ccr-11.29")
class LongContextRuleTest {
    @Test
    void moreThan60000TokensIsLongContext() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\"}");
        RouteDecision decision = decide(config, withTokens(claudeCode("claude-sonnet-5"), 60_001));
        assertThat(decision.tokenCount()).isEqualTo(60_001);
        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("longContext");
        assertThat(decision.decidingStep()).get().satisfies(s ->
                assertThat(s.reason()).isEqualTo("60001 tokens > threshold 60000; Router.longContext is p,m2"));
    }

    @Test
    void exactly60000IsNot() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\"}");
        RouteDecision decision = decide(config, withTokens(claudeCode("claude-sonnet-5"), 60_000));
        assertThat(decision.tokenCount()).isEqualTo(60_000);
        assertThat(decision.target()).contains(new Target("p", "m"));
    }

    @Test
    void aConfiguredThresholdApplies() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\",\"longContextThreshold\":1000}");
        assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 1001)).target()).contains(new Target("p", "m2"));
        assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 1000)).target()).contains(new Target("p", "m"));
    }

    @Test
    void aThresholdOfZeroMeansTheDefault() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\",\"longContextThreshold\":0}");
        assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 1001)).target()).contains(new Target("p", "m"));
    }
}
