package dev.ccr.compat;

import dev.ccr.config.Config;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §11 item 29: more tokens than the threshold (default 60000) go to {@code Router.longContext}. */
class Spec11_29Test {
    @Test
    void item29_60001TokensIsLongContext() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\"}");
        RouteDecision decision = decide(config, withTokens(claudeCode("claude-sonnet-5"), 60_001));
        assertThat(decision.tokenCount()).isEqualTo(60_001);
        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("longContext");
        assertThat(decision.decidingStep()).get().satisfies(s ->
                assertThat(s.reason()).isEqualTo("60001 tokens > threshold 60000; Router.longContext is p,m2"));
    }

    @Test
    void item29_exactly60000IsNot() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\"}");
        RouteDecision decision = decide(config, withTokens(claudeCode("claude-sonnet-5"), 60_000));
        assertThat(decision.tokenCount()).isEqualTo(60_000);
        assertThat(decision.target()).contains(new Target("p", "m"));
    }

    @Test
    void item29_aConfiguredThresholdApplies() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\",\"longContextThreshold\":1000}");
        assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 1001)).target()).contains(new Target("p", "m2"));
        assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 1000)).target()).contains(new Target("p", "m"));
    }

    @Test
    void item29_aThresholdOfZeroMeansTheDefault() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\",\"longContextThreshold\":0}");
        assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 1001)).target()).contains(new Target("p", "m"));
    }
}
