package dev.ccr.compat;

import dev.ccr.config.Config;
import dev.ccr.routing.PassthroughRouting;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec §11 item 79 [FORK]: with {@code enableFamilyRouting}, {@code claude-opus-…} and {@code ccr-opus} go to
 * {@code families.opus.default}; {@code ccr-opus[1m]} goes to {@code families.opus.extendedContext}.
 */
class Spec11_79Test {
    private static final String ROUTER = """
            {"default":"p,m","enableFamilyRouting":true,
             "families":{"opus":{"default":"p,m2","extendedContext":"p,m3"}}}""";

    @Test
    void item79_opusModelsAndTheAliasGoToTheFamilyDefault() {
        Config config = withRouter(ROUTER);
        for (String model : new String[] {"claude-opus-4-8", "claude-opus-4-1-20250805", "ccr-opus"}) {
            RouteDecision decision = decide(config, claudeCode(model));
            assertThat(decision.target()).as(model).contains(new Target("p", "m2"));
            assertThat(decision.decidingStep().orElseThrow().rule()).isEqualTo("family");
        }
    }

    @Test
    void item79_theOneMillionAliasGoesToTheExtendedModel() {
        RouteDecision decision = decide(withRouter(ROUTER), claudeCode("ccr-opus[1m]"));
        assertThat(decision.target()).contains(new Target("p", "m3"));
        assertThat(decision.scenario()).isEqualTo("extendedContext");
    }

    @Test
    void item79_endToEnd() {
        try (PassthroughRouting ccr = PassthroughRouting.start(ROUTER)) {
            assertThat(ccr.routedModel(claudeCode("ccr-opus").toString())).isEqualTo("m2");
            assertThat(ccr.routedModel(claudeCode("ccr-opus[1m]").toString())).isEqualTo("m3");
            assertThat(ccr.routedModel(claudeCode("claude-sonnet-5").toString())).isEqualTo("m");
        }
    }
}
