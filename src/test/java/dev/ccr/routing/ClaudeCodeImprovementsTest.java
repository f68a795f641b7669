package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where ccr routes current Claude Code better than CCR 2.0 (issue 4, scope 1; docs/compatibility.md "Routing"). One
 * nested class per improvement.
 */
class ClaudeCodeImprovementsTest {
    private static final Config CONFIG = withRouter("""
            {"default":"p,m","think":"p,m3","longContext":"p,m4","longContextThreshold":1000}""");

    private static ObjectNode tagged(String where) {
        ObjectNode body = claudeCode("claude-sonnet-5");
        String tag = "<CCR-SUBAGENT-MODEL>p,m2</CCR-SUBAGENT-MODEL>";
        switch (where) {
            case "system0" -> ((ObjectNode) body.withArray("system").get(0)).put("text", tag + "billing");
            case "system2-middle" -> ((ObjectNode) body.withArray("system").get(2)).put("text", "You are an agent.\n" + tag + "\nDo the task.");
            case "system-string" -> body.put("system", tag + "You are an agent.");
            case "user-text" -> ((ObjectNode) body.withArray("messages").get(0).withArray("content").get(1)).put("text", tag + "Fix the bug");
            case "user-string" -> ((ObjectNode) body.withArray("messages").get(0)).put("content", tag + "Fix the bug");
            default -> throw new IllegalArgumentException(where);
        }
        return body;
    }

    @Nested
    class SubagentTagAnywhereAndAlwaysStripped {
        @ParameterizedTest
        @ValueSource(strings = {"system0", "system2-middle", "system-string", "user-text", "user-string"})
        void theTagIsFoundInAnySystemBlockAndTheFirstUserTurn(String where) {
            ObjectNode body = tagged(where);

            RouteDecision decision = decide(CONFIG, body);
            decision.applyEdits(body);

            assertThat(decision.target()).contains(new Target("p", "m2"));
            assertThat(body.toString()).doesNotContain("CCR-SUBAGENT-MODEL");
        }

        @Test
        void aTagInALaterUserTurnIsNotATag() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            body.withArray("messages").addObject().put("role", "assistant").put("content", "ok");
            body.withArray("messages").addObject().put("role", "user").put("content", "<CCR-SUBAGENT-MODEL>p,m2</CCR-SUBAGENT-MODEL>");
            assertThat(decide(CONFIG, body).target()).contains(new Target("p", "m"));
        }

        @Test
        void theTagIsStrippedWhenAnExplicitModelDecides() {
            ObjectNode body = tagged("system2-middle");
            body.put("model", "p,m3");
            RouteDecision decision = decide(CONFIG, body);
            decision.applyEdits(body);
            assertThat(decision.target()).contains(new Target("p", "m3"));
            assertThat(body.at("/system/2/text").asText()).isEqualTo("You are an agent.\n\nDo the task.");
        }

        @Test
        void theTagIsStrippedWhenLongContextDecides() {
            ObjectNode body = withTokens(tagged("user-text"), 1001);
            RouteDecision decision = decide(CONFIG, body);
            decision.applyEdits(body);
            assertThat(decision.target()).contains(new Target("p", "m4"));
            assertThat(body.at("/messages/0/content/1/text").asText()).isEqualTo("Fix the bug");
        }

        @Test
        void aBlockLeftEmptyIsDroppedBecauseAnthropicRejectsEmptyTextBlocks() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            ((ArrayNode) body.withArray("system")).insertObject(2).put("type", "text").put("text", "<CCR-SUBAGENT-MODEL>p,m2</CCR-SUBAGENT-MODEL>");
            RouteDecision decision = decide(CONFIG, body);
            decision.applyEdits(body);
            assertThat(body.withArray("system")).hasSize(3);
            assertThat(body.at("/system/2/text").asText()).startsWith("You are an interactive agent.");
        }

        @Test
        void everyTagIsRemovedAndTheFirstOneRoutes() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            ((ObjectNode) body.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL> p,m2 </CCR-SUBAGENT-MODEL>A");
            ((ObjectNode) body.withArray("system").get(2)).put("text", "B<CCR-SUBAGENT-MODEL>p,m3</CCR-SUBAGENT-MODEL>");
            RouteDecision decision = decide(CONFIG, body);
            decision.applyEdits(body);
            assertThat(decision.target()).contains(new Target("p", "m2"));
            assertThat(body.at("/system/1/text").asText()).isEqualTo("A");
            assertThat(body.at("/system/2/text").asText()).isEqualTo("B");
        }
    }

    @Nested
    class SessionIdFromEveryForm {
        @Test
        void theLegacyUserIdForm() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            body.putObject("metadata").put("user_id", "user_abc_account__session_S7");
            assertThat(SessionId.of(body, Map.of())).contains(new SessionId("S7", "metadata.user_id, legacy _session_ form"));
        }

        @Test
        void theJsonUserIdOfCurrentClaudeCode() {
            assertThat(SessionId.of(claudeCode("claude-sonnet-5"), Map.of())).contains(new SessionId("S1", "metadata.user_id, JSON session_id"));
        }

        @Test
        void theSessionHeader() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            body.remove("metadata");
            assertThat(SessionId.of(body, Map.of("x-claude-code-session-id", "0b9c3f7e-1d2a-4c5b-9e8f-7a6b5c4d3e2f")))
                    .contains(new SessionId("0b9c3f7e-1d2a-4c5b-9e8f-7a6b5c4d3e2f", "x-claude-code-session-id header"));
        }

        @Test
        void theBodyWinsOverTheHeader() {
            assertThat(SessionId.of(claudeCode("claude-sonnet-5"), Map.of("x-claude-code-session-id", "H"))).get()
                    .extracting(SessionId::id).isEqualTo("S1");
        }

        @Test
        void anIdThatCouldEscapeAFolderIsIgnored() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            body.putObject("metadata").put("user_id", "user_a_session_../../etc/passwd");
            assertThat(SessionId.of(body, Map.of("x-claude-code-session-id", "../x"))).isEmpty();
        }
    }

    @Nested
    class ThinkOnlyWhenThinkingIsEnabled {
        @ParameterizedTest
        @ValueSource(strings = {"{\"type\":\"adaptive\"}", "{\"type\":\"disabled\"}"})
        void adaptiveAndDisabledThinkingStayOnTheDefault(String thinking) {
            ObjectNode body = claudeCode("claude-sonnet-5");
            body.set("thinking", RoutingFixtures.parse(thinking));
            RouteDecision decision = decide(CONFIG, body);
            assertThat(decision.target()).contains(new Target("p", "m"));
            assertThat(RouterTest.reason(decision, "think")).endsWith(", not enabled");
        }

        @Test
        void enabledThinkingGoesToThink() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
            assertThat(decide(CONFIG, body).target()).contains(new Target("p", "m3"));
        }

        @Test
        void theSessionTitleRequestIsNotThinking() {
            ObjectNode title = claudeCode("claude-opus-4-8");
            title.putObject("thinking").put("type", "disabled");
            title.putArray("tools");
            title.putObject("output_config").put("effort", "high").putObject("format").put("type", "json_schema");
            assertThat(decide(CONFIG, title).scenario()).isEqualTo("default");
        }
    }

    @Nested
    class ExplicitNamesIgnoreCase {
        @Test
        void providerAndModelAreCanonicalised() {
            ObjectNode body = claudeCode("DEEPSEEK,Deepseek-Reasoner");
            assertThat(decide(CONFIG, body).target()).contains(new Target("DeepSeek", "deepseek-reasoner"));
        }

        @Test
        void anUnlistedModelOfAKnownProviderKeepsItsSpelling() {
            assertThat(decide(CONFIG, claudeCode("deepseek,Some-New-Model")).target()).contains(new Target("DeepSeek", "Some-New-Model"));
        }

        @Test
        void configuredRoutesAreCanonicalisedToo() {
            Config config = withRouter("{\"default\":\"deepseek,DEEPSEEK-CHAT\"}");
            assertThat(decide(config, claudeCode("claude-sonnet-5")).target()).contains(new Target("DeepSeek", "deepseek-chat"));
        }
    }

    @Test
    void theLastUsageCountsCachedPromptTokens() {
        // CCR compares input_tokens, which excludes cache reads, so with prompt caching its rule never fires (P-21).
        Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m4\"}");
        Router router = RoutingFixtures.router();
        router.sessionUsage().record("S1", new LastUsage(12, 68_000, 500));
        JsonNode body = withTokens(claudeCode("claude-sonnet-5"), 20_001);
        RouteDecision decision = router.decide(RoutingFixtures.request((ObjectNode) body, config));
        assertThat(decision.target()).contains(new Target("p", "m4"));
        assertThat(decision.decidingStep().orElseThrow().reason()).contains("68512 prompt tokens > threshold 60000");
    }
}
