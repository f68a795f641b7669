package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/** Long context beats the subagent tag, background, web search and think (docs/routing.md has the order). */
@Tag("ccr-11.30")
class ScenarioPrecedenceTest {
    @Test
    void longContextBeatsEveryOtherScenario() {
        Config config = withRouter("""
                {"default":"p,m","longContext":"p,m2","background":"p,m3","webSearch":"p,m4","think":"p,m3",
                 "longContextThreshold":1000}""");
        ObjectNode body = ThinkRuleTest.thinking("claude-haiku-4-5-20251001");             // background + think
        body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search");
        ((ObjectNode) body.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL>p,m4</CCR-SUBAGENT-MODEL>You are an agent.");

        RouteDecision decision = decide(config, withTokens(body, 1001));

        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("longContext");
        assertThat(decision.decidingStep()).get().satisfies(s -> assertThat(s.rule()).isEqualTo("long-context"));
        // The tag still leaves: ccr strips it whichever rule decides (CCR would forward it here; docs/compatibility.md, Routing).
        assertThat(decision.edits()).singleElement().satisfies(e -> assertThat(e.describe()).startsWith("/system/1/text: removed"));
    }

    @Test
    void belowTheThresholdTheOrderIsSubagentBackgroundWebSearchThink() {
        Config config = withRouter("""
                {"default":"p,m","background":"p,m3","webSearch":"p,m4","think":"DeepSeek,deepseek-reasoner"}""");
        ObjectNode body = ThinkRuleTest.thinking("claude-haiku-4-5-20251001");
        body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search");
        ObjectNode tagged = body.deepCopy();
        ((ObjectNode) tagged.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL>p,m2</CCR-SUBAGENT-MODEL>Agent");

        assertThat(decide(config, tagged).target()).contains(new Target("p", "m2"));          // 3. subagent
        assertThat(decide(config, body).target()).contains(new Target("p", "m3"));            // 4. background
        body.put("model", "claude-sonnet-5");
        assertThat(decide(config, body).target()).contains(new Target("p", "m4"));            // 5. web search
        body.remove("tools");
        assertThat(decide(config, body).target()).contains(new Target("DeepSeek", "deepseek-reasoner")); // 6. think
    }
}
