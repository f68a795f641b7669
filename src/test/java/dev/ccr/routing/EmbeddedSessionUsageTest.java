package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/** CCR's session last-usage cache, as one instance keeps it, and a router reading another one. */
class EmbeddedSessionUsageTest {
    private static final LastUsage LONG = new LastUsage(12, 68_000, 500);

    @Test
    void theLastAnswerThatReportedUsageIsKept() {
        SessionUsage sessions = SessionUsage.embedded();
        sessions.record("S1", new LastUsage(900, 0, 0));
        sessions.record("S1", LONG);
        sessions.record("S1", new LastUsage(0, 0, 0)); // reported nothing

        assertThat(sessions.last("S1")).contains(LONG);
        assertThat(sessions.last("S2")).isEmpty();
    }

    @Test
    void aRouterGivenAnotherSessionUsageRoutesByIt() {
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m4\"}");
        SessionUsage kept = SessionUsage.embedded();
        Router router = RoutingFixtures.router().withSessionUsage(kept);
        kept.record("S1", LONG);

        RouteDecision decision = router.decide(RoutingFixtures.request((ObjectNode) withTokens(claudeCode("claude-sonnet-5"), 20_001), config));

        assertThat(router.sessionUsage()).isSameAs(kept);
        assertThat(decision.target()).contains(new Target("p", "m4"));
    }
}
