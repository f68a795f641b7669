package dev.ccr.compat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §11 item 30: long context beats the subagent tag, background, web search and think (spec §2.2 order). */
class Spec11_30Test {
    @Test
    void item30_longContextBeatsEveryOtherScenario() {
        Config config = withRouter("""
                {"default":"p,m","longContext":"p,m2","background":"p,m3","webSearch":"p,m4","think":"p,m3",
                 "longContextThreshold":1000}""");
        ObjectNode body = Spec11_27Test.thinking("claude-haiku-4-5-20251001");             // background + think
        body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search");
        ((ObjectNode) body.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL>p,m4</CCR-SUBAGENT-MODEL>You are an agent.");

        RouteDecision decision = decide(config, withTokens(body, 1001));

        assertThat(decision.target()).contains(new Target("p", "m2"));
        assertThat(decision.scenario()).isEqualTo("longContext");
        assertThat(decision.decidingStep()).get().satisfies(s -> assertThat(s.rule()).isEqualTo("long-context"));
        // The tag still leaves: ccr strips it whichever rule decides (CCR would forward it here, spec §2.2).
        assertThat(decision.edits()).singleElement().satisfies(e -> assertThat(e.describe()).startsWith("/system/1/text: removed"));
    }

    @Test
    void item30_belowTheThresholdTheOrderIsSubagentBackgroundWebSearchThink() {
        Config config = withRouter("""
                {"default":"p,m","background":"p,m3","webSearch":"p,m4","think":"DeepSeek,deepseek-reasoner"}""");
        ObjectNode body = Spec11_27Test.thinking("claude-haiku-4-5-20251001");
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
