package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/** The rule files shipped in {@code rules/}, included by name from the jar. One nested class per file. */
class RuleFilesTest {
    /** The session-title request of interactive Claude Code (../shared/spec/claude-code-traffic.md). */
    static ObjectNode titleRequest() {
        ObjectNode title = claudeCode("claude-opus-4-8");
        title.putObject("thinking").put("type", "disabled");
        title.putArray("tools");
        title.putObject("output_config").put("effort", "high").putObject("format").put("type", "json_schema")
                .putObject("schema").put("type", "object");
        return title;
    }

    static ObjectNode lastUserSays(String text) {
        ObjectNode body = claudeCode("claude-opus-4-8");
        body.withArray("messages").addObject().put("role", "assistant").put("content", "ok");
        body.withArray("messages").addObject().put("role", "user").putArray("content")
                .add(RoutingFixtures.JSON.createObjectNode().put("type", "text").put("text", text));
        return body;
    }

    private static String ruleName(RouteDecision decision) {
        return decision.decidingStep().orElseThrow().rule();
    }

    @Test
    void everyShippedFileLoadsWithoutProblemsAndIsTestedHere() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json5")).sorted().toList();
        }
        assertThat(names).containsExactly("claude-code.json5", "cost-saver.json5", "plan-mode.json5");
        for (String name : names) {
            Config config = withRouter("{\"default\":\"p,m\",\"rules\":[{\"use\":\"" + name + "\"}]}");
            assertThat(config.router().rules()).as(name).isNotEmpty();
            assertThat(config.warnings()).as(name).isEmpty();
        }
    }

    @Nested
    class ClaudeCode {
        private final Config config = withRouter("{\"default\":\"p,m\",\"background\":\"p,m2\",\"rules\":[{\"use\":\"claude-code\"}]}");

        @Test
        void theSessionTitleRequestGoesToTheSmallModel() {
            RouteDecision decision = decide(config, titleRequest());
            assertThat(decision.target()).contains(new Target("p", "m2"));
            assertThat(ruleName(decision)).isEqualTo("rules/claude-code/session-title");
            assertThat(decision.scenario()).isEqualTo("background");
        }

        @Test
        void theQuotaProbeGoesToTheSmallModel() {
            ObjectNode probe = RoutingFixtures.plain("claude-opus-4-8");
            probe.put("max_tokens", 1);
            assertThat(ruleName(decide(config, probe))).isEqualTo("rules/claude-code/quota-probe");
        }

        @Test
        void anyHaikuNameIsSmallWorkEvenWithoutClaudeInIt() {
            RouteDecision decision = decide(config, claudeCode("my-haiku-proxy"));
            assertThat(decision.target()).contains(new Target("p", "m2"));
            assertThat(ruleName(decision)).isEqualTo("rules/claude-code/haiku");
        }

        @Test
        void theMainLoopIsLeftAlone() {
            assertThat(decide(config, claudeCode("claude-opus-4-8")).target()).contains(new Target("p", "m"));
        }

        @Test
        void theSmallModelCanBeGiven() {
            Config given = withRouter("{\"default\":\"p,m\",\"rules\":[{\"use\":\"claude-code\",\"with\":{\"small\":\"DeepSeek,deepseek-chat\"}}]}");
            assertThat(decide(given, titleRequest()).target()).contains(new Target("DeepSeek", "deepseek-chat"));
        }

        @Test
        void withoutABackgroundRouteEveryRulePasses() {
            Config bare = withRouter("{\"default\":\"p,m\",\"rules\":[{\"use\":\"claude-code\"}]}");
            RouteDecision decision = decide(bare, titleRequest());
            assertThat(decision.target()).contains(new Target("p", "m"));
            assertThat(RouterTest.reason(decision, "rules/claude-code/session-title")).endsWith("but Router.background is not set");
        }
    }

    @Nested
    class CostSaver {
        private final Config config = withRouter("{\"default\":\"p,m\",\"rules\":[{\"use\":\"cost-saver\",\"with\":{\"cheap\":\"DeepSeek,deepseek-chat\"}}]}");
        private final Target cheap = new Target("DeepSeek", "deepseek-chat");

        @Test
        void backgroundWorkIsCheap() {
            RouteDecision decision = decide(config, claudeCode("claude-haiku-4-5-20251001"));
            assertThat(decision.target()).contains(cheap);
            assertThat(ruleName(decision)).isEqualTo("rules/cost-saver/background");
        }

        @Test
        void theSessionTitleIsCheap() {
            assertThat(ruleName(decide(config, titleRequest()))).isEqualTo("rules/cost-saver/session-title");
        }

        @Test
        void aSmallRequestWithoutToolsIsCheap() {
            RouteDecision decision = decide(config, RoutingFixtures.plain("claude-opus-4-8"));
            assertThat(decision.target()).contains(cheap);
            assertThat(ruleName(decision)).isEqualTo("rules/cost-saver/small-without-tools");
        }

        @Test
        void agentTurnsAndThinkingStayOnTheStrongModel() {
            assertThat(decide(config, claudeCode("claude-opus-4-8")).target()).contains(new Target("p", "m"));
            ObjectNode thinking = RoutingFixtures.plain("claude-opus-4-8");
            thinking.putObject("thinking").put("type", "enabled");
            assertThat(decide(config, thinking).target()).contains(new Target("p", "m"));
        }

        @Test
        void byDefaultTheCheapModelIsRouterBackground() {
            Config defaults = withRouter("{\"default\":\"p,m\",\"background\":\"p,m2\",\"rules\":[{\"use\":\"cost-saver\"}]}");
            assertThat(decide(defaults, RoutingFixtures.plain("claude-opus-4-8")).target()).contains(new Target("p", "m2"));
        }
    }

    @Nested
    class PlanMode {
        private final Config config = withRouter("{\"default\":\"p,m\",\"think\":\"DeepSeek,deepseek-reasoner\",\"rules\":[{\"use\":\"plan-mode\"}]}");
        private final Target planner = new Target("DeepSeek", "deepseek-reasoner");

        @Test
        void planModeGoesToThePlanner() {
            RouteDecision decision = decide(config, lastUserSays(
                    "<system-reminder>Plan mode is active. The user indicated that they do not want you to execute yet.</system-reminder>"));
            assertThat(decision.target()).contains(planner);
            assertThat(ruleName(decision)).isEqualTo("rules/plan-mode/plan-mode");
            assertThat(decision.scenario()).isEqualTo("think");
        }

        @Test
        void thinkKeywordsGoToThePlanner() {
            assertThat(ruleName(decide(config, lastUserSays("ultrathink: why does this deadlock?")))).isEqualTo("rules/plan-mode/think-keywords");
            assertThat(ruleName(decide(config, lastUserSays("Think harder about the cache")))).isEqualTo("rules/plan-mode/think-keywords");
            assertThat(decide(config, lastUserSays("I am thinking about hard problems")).target()).contains(new Target("p", "m"));
        }

        @Test
        void enabledThinkingGoesToThePlanner() {
            ObjectNode body = claudeCode("claude-opus-4-8");
            body.putObject("thinking").put("type", "enabled");
            assertThat(ruleName(decide(config, body))).isEqualTo("rules/plan-mode/thinking-enabled");
        }

        @Test
        void anOrdinaryTurnIsLeftAlone() {
            assertThat(decide(config, lastUserSays("Run the tests")).target()).contains(new Target("p", "m"));
        }
    }
}
