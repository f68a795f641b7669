package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing fits the request to the chosen model's limits: {@code max_tokens} above its output cap or its window's room
 * is lowered, a request too long for its window goes to the long-context route, {@code [1m]} is understood, and the
 * explanation says each of it.
 */
class LimitsFitTest {
    private static final String PROVIDERS = """
            "Providers":[
              {"name":"p","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k","models":["m","big","small","tiny"],
               "limits":{"models":{"small":{"contextWindow":16000,"maxOutputTokens":4000},"big":{"contextWindow":200000},
                                   "tiny":{"contextWindow":8000}}}},
              {"name":"DeepSeek","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k","models":["deepseek-chat"]}]
            """;

    private static Config config(String router) {
        return RoutingFixtures.config("{" + PROVIDERS + ", \"Router\": " + router + "}", RoutingFixtures.tempDir());
    }

    private static ObjectNode asking(ObjectNode body, long maxTokens) {
        return body.put("max_tokens", maxTokens);
    }

    private static Optional<TraceStep> step(RouteDecision decision, String rule) {
        return decision.trace().stream().filter(s -> s.rule().equals(rule)).findFirst();
    }

    private static JsonNode applied(RouteDecision decision, ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        decision.applyEdits(copy);
        return copy;
    }

    /* --------------- Output cap --------------- */

    @Test
    void maxTokensAboveTheRoutedModelsCapIsLoweredAndTheExplanationSaysWhy() {
        ObjectNode body = asking(claudeCode("claude-opus-5-5"), 128_000);
        RouteDecision decision = decide(config("{\"default\":\"DeepSeek,deepseek-chat\"}"), body);

        assertThat(decision.target()).contains(new Target("DeepSeek", "deepseek-chat"));
        assertThat(decision.decidingStep()).get().extracting(TraceStep::rule).isEqualTo("default");
        assertThat(applied(decision, body).path("max_tokens").asLong()).isEqualTo(8_192);
        assertThat(step(decision, "limits")).get().satisfies(s -> {
            assertThat(s.decided()).isFalse();
            assertThat(s.reason()).startsWith("DeepSeek,deepseek-chat: output cap 8192 (ccr's figure for deepseek-chat, api-docs.deepseek.com)")
                    .contains("max_tokens 128000 → 8192");
        });
        assertThat(decision.toJson().path("edits").get(0).asText())
                .isEqualTo("/max_tokens: lowered from 128000 to 8192, DeepSeek,deepseek-chat's output cap");
        assertThat(decision.render()).contains("limits: DeepSeek,deepseek-chat").contains("/max_tokens: lowered from 128000 to 8192");
    }

    @Test
    void aModelCcrKnowsNothingAboutLeavesTheRequestAndTheTraceAlone() {
        RouteDecision decision = decide(config("{\"default\":\"p,m\"}"), asking(claudeCode("claude-opus-5-5"), 128_000));

        assertThat(decision.edits()).isEmpty();
        assertThat(step(decision, "limits")).isEmpty();
        assertThat(step(decision, "context-window")).isEmpty();
    }

    @Test
    void aMaxTokensBelowTheCapIsLeftAsItIs() {
        RouteDecision decision = decide(config("{\"default\":\"DeepSeek,deepseek-chat\"}"), asking(claudeCode("claude-opus-5-5"), 4_000));

        assertThat(decision.edits()).isEmpty();
        assertThat(step(decision, "limits")).get().extracting(TraceStep::reason).asString().endsWith("max_tokens 4000 fits");
    }

    @Test
    void maxTokensIsAlsoFittedIntoWhatTheWindowLeavesAfterTheInput() {
        ObjectNode body = asking(withTokens(claudeCode("claude-opus-5-5"), 13_000), 128_000);
        RouteDecision decision = decide(config("{\"default\":\"p,small\"}"), body);

        assertThat(decision.target()).contains(new Target("p", "small"));
        // 16000 - 13000 × 1.1 = 1700: below the cap of 4000.
        assertThat(applied(decision, body).path("max_tokens").asLong()).isEqualTo(1_700);
        assertThat(decision.edits().getFirst().describe()).contains("what p,small's window of 16000 leaves after 13000 input tokens");
        assertThat(step(decision, "context-window")).get().extracting(TraceStep::reason).asString()
                .contains("do not fit p,small's window of 16000").contains("Router.longContext is not set");
    }

    @Test
    void anEnabledThinkingBudgetIsLoweredWithMaxTokens() {
        ObjectNode body = claudeCode("claude-haiku-4-5-20251001").put("max_tokens", 32_000);
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", 31_999);
        RouteDecision decision = decide(config("{\"default\":\"DeepSeek,deepseek-chat\"}"), body);

        JsonNode fitted = applied(decision, body);
        assertThat(fitted.path("max_tokens").asLong()).isEqualTo(8_192);
        assertThat(fitted.at("/thinking/budget_tokens").asLong()).isEqualTo(4_096);
    }

    /* --------------- Context window --------------- */

    @Test
    void aRequestTooLongForTheChosenModelsWindowGoesToTheLongContextRoute() {
        RouteDecision decision = decide(config("{\"default\":\"p,small\",\"longContext\":\"p,big\"}"),
                withTokens(claudeCode("claude-opus-5-5"), 10_000));

        assertThat(decision.target()).contains(new Target("p", "big"));
        assertThat(decision.scenario()).isEqualTo("longContext");
        assertThat(decision.decidingStep()).get().satisfies(s -> {
            assertThat(s.rule()).isEqualTo("context-window");
            assertThat(s.reason()).isEqualTo("10000 tokens and 8192 for the answer do not fit p,small's window of "
                    + "16000 (configured at Providers[0].limits.models.small.contextWindow); Router.longContext is p,big");
        });
        // The threshold alone (60000) would have kept it.
        assertThat(step(decision, "long-context")).get().extracting(TraceStep::decided).isEqualTo(false);
    }

    @Test
    void aRequestThatFitsStaysWithTheChosenModel() {
        RouteDecision decision = decide(config("{\"default\":\"p,small\",\"longContext\":\"p,big\"}"),
                withTokens(claudeCode("claude-opus-5-5"), 5_000));

        assertThat(decision.target()).contains(new Target("p", "small"));
        assertThat(step(decision, "context-window")).isEmpty();
    }

    @Test
    void theLongContextRouteIsNotTakenWhenItHasNoMoreRoom() {
        RouteDecision decision = decide(config("{\"default\":\"p,small\",\"longContext\":\"p,tiny\"}"),
                withTokens(claudeCode("claude-opus-5-5"), 10_000));

        assertThat(decision.target()).contains(new Target("p", "small"));
        assertThat(step(decision, "context-window")).get().extracting(TraceStep::reason).asString()
                .endsWith("Router.longContext p,tiny has no more room (8000 (configured at Providers[0].limits.models.tiny.contextWindow))");
    }

    @Test
    void aModelTheRequestNamesIsKeptEvenWhenItIsTooLong() {
        RouteDecision decision = decide(config("{\"default\":\"p,m\",\"longContext\":\"p,big\"}"),
                withTokens(claudeCode("p,small"), 10_000));

        assertThat(decision.target()).contains(new Target("p", "small"));
        assertThat(step(decision, "context-window")).get().extracting(TraceStep::reason).asString()
                .endsWith("but the request names its model, so it is kept");
    }

    /* --------------- [1m] --------------- */

    @Test
    void aOneMSuffixOnTheRouteAsksForAMillionTokensAndIsNotSentToTheProvider() {
        ObjectNode body = asking(claudeCode("claude-opus-5-5"), 128_000);
        RouteDecision decision = decide(config("{\"default\":\"DeepSeek,deepseek-chat[1m]\"}"), body);

        assertThat(decision.target()).contains(new Target("DeepSeek", "deepseek-chat"));
        assertThat(step(decision, "limits")).get().extracting(TraceStep::reason).asString()
                .contains("'deepseek-chat[1m]' is sent as 'deepseek-chat'")
                .contains("window 1000000 ('deepseek-chat[1m]' asks for a 1M window with [1m])");
        assertThat(applied(decision, body).path("max_tokens").asLong()).isEqualTo(8_192);
    }
}
