package dev.ccr.routing;

import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code enableFamilyRouting}, {@code claude-opus-…} and {@code ccr-opus} go to
 * {@code families.opus.default}; {@code ccr-opus[1m]} goes to {@code families.opus.extendedContext}.
 */
@Tag("ccr-11.79")
class FamilyRuleTest {
    private static final String ROUTER = """
            {"default":"p,m","enableFamilyRouting":true,
             "families":{"opus":{"default":"p,m2","extendedContext":"p,m3"}}}""";

    @Test
    void opusModelsAndTheAliasGoToTheFamilyDefault() {
        Config config = withRouter(ROUTER);
        for (String model : new String[] {"claude-opus-4-8", "claude-opus-4-1-20250805", "ccr-opus"}) {
            RouteDecision decision = decide(config, claudeCode(model));
            assertThat(decision.target()).as(model).contains(new Target("p", "m2"));
            assertThat(decision.decidingStep().orElseThrow().rule()).isEqualTo("family");
        }
    }

    @Test
    void theOneMillionAliasGoesToTheExtendedModel() {
        RouteDecision decision = decide(withRouter(ROUTER), claudeCode("ccr-opus[1m]"));
        assertThat(decision.target()).contains(new Target("p", "m3"));
        assertThat(decision.scenario()).isEqualTo("extendedContext");
    }

    @Test
    void opusAliasesRouteEndToEnd() {
        try (PassthroughRouting ccr = PassthroughRouting.start(ROUTER)) {
            assertThat(ccr.routedModel(claudeCode("ccr-opus").toString())).isEqualTo("m2");
            assertThat(ccr.routedModel(claudeCode("ccr-opus[1m]").toString())).isEqualTo("m3");
            assertThat(ccr.routedModel(claudeCode("claude-sonnet-5").toString())).isEqualTo("m");
        }
    }
}
