package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slot a custom router ({@code CUSTOM_ROUTER_PATH}) takes in the rule
 * engine. A Java rule stands in for the script here; running the JavaScript file itself is the script host's part
 * (issue 5), which plugs its adapter in with {@link Router#withCustomRouter(Rule)}.
 */
class CustomRouterSlotTest {
    private static final Config CONFIG = withRouter("{\"default\":\"p,m\",\"background\":\"p,m3\"}");

    /** A custom router as a rule: routes to what {@code route} returns, passes on null, and may throw. */
    static Rule customRouter(Function<RoutingRequest, String> route) {
        return new Rule() {
            @Override
            public String name() {
                return "custom-router";
            }

            @Override
            public RuleOutcome evaluate(RoutingRequest request) {
                String model = route.apply(request);
                return model == null ? RuleOutcome.pass("the custom router returned nothing")
                        : RuleOutcome.route(Target.parse(model).orElseThrow(), "default", "the custom router returned " + model);
            }
        };
    }

    private static RouteDecision decide(Router router, ObjectNode body) {
        return router.decide(RoutingFixtures.request(body, CONFIG));
    }

    @Test
    @Tag("ccr-11.34")
    void aLargeRequestTakesTheCustomRouteAndASmallOneTheBuiltInRules() {
        Router router = RoutingFixtures.router().withCustomRouter(customRouter(r -> r.tokenCount() > 10 ? "p,m2" : null));

        RouteDecision large = decide(router, claudeCode("claude-sonnet-5"));
        assertThat(large.target()).contains(new Target("p", "m2"));
        assertThat(large.decidingStep()).get().satisfies(s -> assertThat(s.rule()).isEqualTo("custom-router"));

        RouteDecision small = decide(router, (ObjectNode) RoutingFixtures.parse("{\"model\":\"claude-sonnet-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(small.target()).contains(new Target("p", "m"));
        assertThat(small.trace().get(1).rule()).isEqualTo("custom-router");
    }

    @Test
    @Tag("ccr-11.34")
    void aThrowingCustomRouterFallsBackToTheBuiltInRules() {
        Router router = RoutingFixtures.router().withCustomRouter(customRouter(r -> {
            throw new IllegalStateException("router.js exploded");
        }));
        RouteDecision decision = decide(router, claudeCode("claude-sonnet-5"));
        assertThat(decision.target()).contains(new Target("p", "m"));
        assertThat(decision.trace().get(1).reason()).contains("failed").contains("router.js exploded");
    }

    @Test
    @Tag("ccr-11.34")
    void theCustomRouterSeesTheConfigsRouterAndProviders() {
        Router router = RoutingFixtures.router().withCustomRouter(customRouter(r ->
                r.config().router().background().orElseThrow() + "" + (r.config().provider("p").isPresent() ? "" : "missing")));
        assertThat(decide(router, claudeCode("claude-sonnet-5")).target()).contains(new Target("p", "m3"));
    }

    @Test
    @Tag("ccr-11.35")
    void theCustomRouterRunsBeforeTheExplicitModelRule() {
        Router router = RoutingFixtures.router().withCustomRouter(customRouter(r -> "p,m2"));
        RouteDecision decision = decide(router, claudeCode("p,m"));
        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.trace()).extracting(s -> s.rule()).doesNotContain("explicit-model");
    }

    @Test
    @Tag("ccr-11.36")
    void bodyChangesOfTheCustomRouterReachTheUpstreamAndLaterRulesSeeThem() {
        Rule rewriting = new Rule() {
            @Override
            public String name() {
                return "custom-router";
            }

            @Override
            public RuleOutcome evaluate(RoutingRequest request) {
                ObjectNode changed = request.body().deepCopy();
                changed.put("max_tokens", 100);
                changed.put("model", "claude-haiku-4-5");
                return RuleOutcome.pass("the custom router returned nothing but changed req.body",
                        List.of(new BodyEdit.ReplaceBody(changed, "req.body changed by the custom router")));
            }
        };
        ObjectNode body = claudeCode("claude-sonnet-5");

        RouteDecision decision = decide(RoutingFixtures.router().withCustomRouter(rewriting), body);
        decision.applyEdits(body);

        assertThat(decision.target()).contains(new Target("p", "m3")); // the background rule saw the new model
        assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
    }
}
