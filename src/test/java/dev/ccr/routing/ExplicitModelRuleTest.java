package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code provider,model} request (what {@code /model p,m2} sends) goes exactly there, whatever
 * else the request shows; names are matched ignoring case and canonicalised (an improvement; CCR passes {@code P,M2}
 * through and fails with 404, pitfall P-5).
 */
@Tag("ccr-11.32")
class ExplicitModelRuleTest {
    @Test
    void anExplicitModelBeatsThinkingToolsAndHaiku() {
        Config config = withRouter("{\"default\":\"p,m\",\"think\":\"p,m3\",\"background\":\"p,m3\",\"webSearch\":\"p,m3\",\"longContext\":\"p,m3\"}");
        ObjectNode body = ThinkRuleTest.thinking("p,m2");
        body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search");

        RouteDecision decision = decide(config, body);

        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("default");
        assertThat(decision.decidingStep()).get().satisfies(s -> assertThat(s.rule()).isEqualTo("explicit-model"));
    }

    @Test
    void namesAreMatchedIgnoringCaseAndSentAsConfigured() {
        Config config = withRouter("{\"default\":\"p,m\"}");
        RouteDecision decision = decide(config, ThinkRuleTest.thinking("P,M2"));
        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.decidingStep()).get().satisfies(s -> assertThat(s.reason()).isEqualTo("the request names P,M2, configured as p,m2"));
        assertThat(decide(config, ThinkRuleTest.thinking("deepseek,DEEPSEEK-CHAT")).target()).contains(new Target("DeepSeek", "deepseek-chat"));
    }

    @Test
    void anUnknownProviderIsRoutedAsWrittenSoTheErrorNamesIt() {
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\"}")) {
            assertThat(ccr.routedModel(ThinkRuleTest.thinking("P,M2").toString())).isEqualTo("m2");
            var response = ccr.router().post("/v1/messages", ThinkRuleTest.thinking("nope,m2").toString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("Provider 'nope' not found");
        }
    }
}
