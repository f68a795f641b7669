package dev.ccr.compat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.routing.PassthroughRouting;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec §11 item 32: a {@code provider,model} request (what {@code /model p,m2} sends) goes exactly there, whatever
 * else the request shows; names are matched ignoring case and canonicalised (an improvement; CCR passes {@code P,M2}
 * through and fails with 404, pitfall P-5).
 */
class Spec11_32Test {
    @Test
    void item32_anExplicitModelBeatsThinkingToolsAndHaiku() {
        Config config = withRouter("{\"default\":\"p,m\",\"think\":\"p,m3\",\"background\":\"p,m3\",\"webSearch\":\"p,m3\",\"longContext\":\"p,m3\"}");
        ObjectNode body = Spec11_27Test.thinking("p,m2");
        body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search");

        RouteDecision decision = decide(config, body);

        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("default");
        assertThat(decision.decidingStep()).get().satisfies(s -> assertThat(s.rule()).isEqualTo("explicit-model"));
    }

    @Test
    void item32_namesAreMatchedIgnoringCaseAndSentAsConfigured() {
        Config config = withRouter("{\"default\":\"p,m\"}");
        RouteDecision decision = decide(config, Spec11_27Test.thinking("P,M2"));
        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.decidingStep()).get().satisfies(s -> assertThat(s.reason()).isEqualTo("the request names P,M2, configured as p,m2"));
        assertThat(decide(config, Spec11_27Test.thinking("deepseek,DEEPSEEK-CHAT")).target()).contains(new Target("DeepSeek", "deepseek-chat"));
    }

    @Test
    void item32_anUnknownProviderIsRoutedAsWrittenSoTheErrorNamesIt() {
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\"}")) {
            assertThat(ccr.routedModel(Spec11_27Test.thinking("P,M2").toString())).isEqualTo("m2");
            var response = ccr.router().post("/v1/messages", Spec11_27Test.thinking("nope,m2").toString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("Provider 'nope' not found");
        }
    }
}
