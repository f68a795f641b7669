package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/** The default rule order and what every decision carries. */
class RouterTest {
    private static final Config ALL_SCENARIOS = withRouter("""
            {"default":"p,m","background":"p,m2","think":"p,m3","longContext":"p,m4","webSearch":"DeepSeek,deepseek-chat",
             "image":"p,qwen-vl"}""");

    @Test
    void aPlainClaudeCodeRequestGoesToTheDefaultAndTheTraceListsEveryRuleInOrder() {
        RouteDecision decision = decide(ALL_SCENARIOS, claudeCode("claude-opus-4-8"));

        assertThat(decision.target()).contains(new Target("p", "m"));
        assertThat(decision.scenario()).isEqualTo("default");
        assertThat(decision.trace()).extracting(TraceStep::rule).containsExactly(
                "session", "rewrite-system-prompt", "strip-subagent-tag", "explicit-model", "family", "model-mapping",
                "extended-context", "long-context", "subagent", "background", "web-search", "think", "default", "image");
        assertThat(decision.decidingStep()).get().extracting(TraceStep::rule).isEqualTo("default");
        assertThat(decision.session()).get().extracting(SessionId::id).isEqualTo("S1");
        assertThat(decision.tokenCount()).isPositive();
        assertThat(decision.edits()).isEmpty();
    }

    @Test
    void everyPassingRuleSaysWhatItSaw() {
        RouteDecision decision = decide(ALL_SCENARIOS, claudeCode("claude-opus-4-8"));

        assertThat(reason(decision, "explicit-model")).isEqualTo("model 'claude-opus-4-8' names no provider");
        assertThat(reason(decision, "background")).isEqualTo("model 'claude-opus-4-8' is not a Claude Haiku");
        assertThat(reason(decision, "think")).isEqualTo("thinking is adaptive, not enabled");
        assertThat(reason(decision, "long-context")).contains("tokens ≤ threshold 60000");
        assertThat(reason(decision, "default")).isEqualTo("no scenario applied; Router.default is p,m");
        assertThat(reason(decision, "image")).isEqualTo("no images in user messages");
    }

    @Test
    void withoutADefaultNothingRoutes() {
        RouteDecision decision = decide(withRouter("{}"), claudeCode("claude-opus-4-8"));
        assertThat(decision.target()).isEmpty();
        assertThat(decision.decidingStep()).isEmpty();
        assertThat(reason(decision, "default")).isEqualTo("no scenario applied, but Router.default is not set");
    }

    @Test
    void aRuleThatThrowsIsSkippedAndRoutingGoesOn() {
        Rule broken = new Rule() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public RuleOutcome evaluate(RoutingRequest request) {
                throw new IllegalStateException("boom");
            }
        };
        RouteDecision decision = RoutingFixtures.router().withCustomRouter(broken)
                .decide(RoutingFixtures.request(claudeCode("claude-opus-4-8"), ALL_SCENARIOS));
        assertThat(decision.target()).contains(new Target("p", "m"));
        assertThat(reason(decision, "broken")).contains("failed").contains("boom");
    }

    @Test
    void decidingChangesNothingInTheBody() {
        ObjectNode body = claudeCode("claude-opus-4-8");
        ((ObjectNode) body.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL>p,m2</CCR-SUBAGENT-MODEL>Agent");
        ObjectNode before = body.deepCopy();

        RouteDecision decision = decide(ALL_SCENARIOS, body);

        assertThat(body).isEqualTo(before);
        assertThat(decision.edits()).hasSize(1);
    }

    static String reason(RouteDecision decision, String rule) {
        return decision.trace().stream().filter(s -> s.rule().equals(rule)).findFirst().orElseThrow().reason();
    }
}
