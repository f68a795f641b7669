package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/** The CCR fork's family routing (docs/routing.md, "Model families"): {@code Router.families}, {@code ccr-*} aliases, {@code [1m]}, {@code Router.models}. */
class FamilyRoutingTest {
    private static final Config FAMILIES = withRouter("""
            {"default":"p,m","background":"DeepSeek,deepseek-chat","enableFamilyRouting":true,
             "families":{
               "opus":{"default":"p,m2","think":"p,m3","longContext":"p,m4","longContextThreshold":1000,
                       "extendedContext":"DeepSeek,deepseek-reasoner","webSearch":"p,M-Mixed"},
               "sonnet":{"default":"p,m3"},
               "haiku":{"default":"DeepSeek,deepseek-chat","image":"p,qwen-vl"}}}""");

    private static Target target(String model) {
        return decide(FAMILIES, claudeCode(model)).target().orElseThrow();
    }

    @Nested
    class Families {
        @ParameterizedTest
        @CsvSource({
                "claude-opus-4-8, p, m2",
                "claude-opus-4-20250514, p, m2",
                "claude-3-opus-20240229, p, m2",
                "claude-sonnet-5, p, m3",
                "claude-3-5-sonnet-20241022, p, m3",
                "claude-haiku-4-5-20251001, DeepSeek, deepseek-chat",
                "claude-3-5-haiku-20241022, DeepSeek, deepseek-chat",
                "anthropic/claude-opus-4-8, p, m2"})
        void eachFamilyHasItsDefault(String model, String provider, String routed) {
            assertThat(target(model)).isEqualTo(new Target(provider, routed));
        }

        @Test
        void aModelOfNoFamilyFallsThroughToTheRouter() {
            RouteDecision decision = decide(FAMILIES, claudeCode("gpt-5"));
            assertThat(decision.target()).contains(new Target("p", "m"));
            assertThat(RouterTest.reason(decision, "family")).isEqualTo("model 'gpt-5' is no opus, sonnet or haiku model and no ccr-* alias");
        }

        @Test
        void theFamilyScenariosComeInTheForksOrder() {
            ObjectNode thinking = claudeCode("claude-opus-4-8");
            thinking.putObject("thinking").put("type", "enabled");
            RouteDecision think = decide(FAMILIES, thinking);
            assertThat(think.target()).contains(new Target("p", "m3"));
            assertThat(think.scenario()).isEqualTo("think");

            thinking.withArray("tools").addObject().put("type", "web_search_20250305");
            assertThat(decide(FAMILIES, thinking).target()).contains(new Target("p", "M-Mixed"));

            RouteDecision longContext = decide(FAMILIES, withTokens(thinking, 1001));
            assertThat(longContext.target()).contains(new Target("p", "m4"));
            assertThat(longContext.scenario()).isEqualTo("longContext");
            assertThat(longContext.decidingStep().orElseThrow().reason())
                    .isEqualTo("model 'claude-opus-4-8' is family opus, 1001 tokens > threshold 1000; Router.families.opus.longContext is p,m4");
        }

        @Test
        void aFamilyWithoutAScenarioRouteUsesItsDefault() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            body.putObject("thinking").put("type", "enabled");
            assertThat(decide(FAMILIES, body).target()).contains(new Target("p", "m3"));
        }

        @Test
        void familiesAreOffUnlessEnabled() {
            Config off = withRouter("{\"default\":\"p,m\",\"families\":{\"opus\":{\"default\":\"p,m2\"}}}");
            RouteDecision decision = decide(off, claudeCode("claude-opus-4-8"));
            assertThat(decision.target()).contains(new Target("p", "m"));
            assertThat(RouterTest.reason(decision, "family")).isEqualTo("Router.enableFamilyRouting is off");
        }

        @Test
        void aSubagentTagBeatsTheFamily() {
            // the fork ignores the tag once a family resolves (pitfall P-25)
            ObjectNode body = claudeCode("claude-opus-4-8");
            ((ObjectNode) body.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL>p,m4</CCR-SUBAGENT-MODEL>Agent");
            RouteDecision decision = decide(FAMILIES, body);
            assertThat(decision.target()).contains(new Target("p", "m4"));
            assertThat(decision.decidingStep().orElseThrow().rule()).isEqualTo("subagent");
        }

        @Test
        void anExplicitModelBeatsTheFamily() {
            assertThat(target("p,m")).isEqualTo(new Target("p", "m"));
        }

        @Test
        void theFamilyImageRouteServesImages() {
            ObjectNode body = claudeCode("claude-haiku-4-5");
            body.withArray("messages").addObject().put("role", "user").putArray("content").addObject().put("type", "image")
                    .putObject("source").put("type", "base64").put("media_type", "image/png").put("data", "AAA");
            RouteDecision decision = decide(FAMILIES, body);
            assertThat(decision.target()).contains(new Target("p", "qwen-vl"));
            assertThat(decision.scenario()).isEqualTo("image");
        }
    }

    @Nested
    class Aliases {
        @ParameterizedTest
        @CsvSource({"ccr-opus, m2", "ccr-sonnet, m3", "CCR-Opus, m2"})
        void ccrAliasesNameTheirFamily(String alias, String routed) {
            assertThat(target(alias).model()).isEqualTo(routed);
        }

        @Test
        void withoutFamilyRoutingAnAliasIsAnOrdinaryModel() {
            Config off = withRouter("{\"default\":\"p,m\",\"models\":{\"ccr-opus\":\"p,m2\"}}");
            RouteDecision decision = decide(off, claudeCode("ccr-opus"));
            assertThat(decision.target()).contains(new Target("p", "m"));
            assertThat(RouterTest.reason(decision, "model-mapping")).isEqualTo("'ccr-opus' is a family alias and family routing is off");
        }
    }

    @Nested
    class ExtendedContext {
        @Test
        void theOneMillionSuffixAsksForTheExtendedRoute() {
            RouteDecision decision = decide(FAMILIES, claudeCode("ccr-opus[1m]"));
            assertThat(decision.target()).contains(new Target("DeepSeek", "deepseek-reasoner"));
            assertThat(decision.scenario()).isEqualTo("extendedContext");
            assertThat(decision.decidingStep().orElseThrow().reason()).contains("it carries [1m]");
            assertThat(target("claude-opus-4-8[1m]")).isEqualTo(new Target("DeepSeek", "deepseek-reasoner"));
        }

        @Test
        void withoutAnExtendedRouteTheSuffixIsIgnored() {
            assertThat(target("ccr-sonnet[1m]")).isEqualTo(new Target("p", "m3"));
        }

        @Test
        void aFamilyThresholdSendsLongRequestsToTheExtendedRoute() {
            Config config = withRouter("""
                    {"default":"p,m","enableFamilyRouting":true,
                     "families":{"sonnet":{"default":"p,m3","extendedContext":"p,m4","extendedContextThreshold":500}}}""");
            assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 501)).target()).contains(new Target("p", "m4"));
            assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 500)).target()).contains(new Target("p", "m3"));
        }

        @Test
        void theRoutersExtendedContextAppliesWithoutFamilies() {
            Config config = withRouter("{\"default\":\"p,m\",\"longContext\":\"p,m2\",\"extendedContext\":\"p,m4\",\"extendedContextThreshold\":2000,\"longContextThreshold\":1000}");
            assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 2001)).target()).contains(new Target("p", "m4"));
            assertThat(decide(config, withTokens(claudeCode("claude-sonnet-5"), 1500)).target()).contains(new Target("p", "m2"));
            assertThat(decide(config, claudeCode("claude-sonnet-5[1m]")).target()).contains(new Target("p", "m4"));
        }
    }

    @Nested
    class ModelMapping {
        private final Config mapped = withRouter("""
                {"default":"p,m","models":{"claude-sonnet-5":"p,m2","GLM-4.6":"p,m3","haiku":"DeepSeek,deepseek-chat","qwen":"p,qwen-vl"}}""");

        @Test
        void theExactNameMapsFirst() {
            RouteDecision decision = decide(mapped, claudeCode("claude-sonnet-5"));
            assertThat(decision.target()).contains(new Target("p", "m2"));
            assertThat(decision.scenario()).isEqualTo("modelMapping");
        }

        @Test
        void thenTheNormalisedNameThenTheFamilyThenASubstring() {
            assertThat(decide(mapped, claudeCode("openrouter/z-ai/glm-4.6:free")).target()).contains(new Target("p", "m3"));
            assertThat(decide(mapped, claudeCode("claude-haiku-4-5")).target()).contains(new Target("DeepSeek", "deepseek-chat"));
            assertThat(decide(mapped, claudeCode("qwen3-coder-plus")).target()).contains(new Target("p", "qwen-vl"));
            assertThat(decide(mapped, claudeCode("gpt-5")).target()).contains(new Target("p", "m"));
        }
    }
}
