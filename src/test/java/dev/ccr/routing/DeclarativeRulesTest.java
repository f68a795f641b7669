package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigProblem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.problems;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code Router.rules}: the {@code when} tests, routes, includes, and the problems a broken rule reports at load. */
class DeclarativeRulesTest {
    /** A config whose only rule is {@code when} → p,m2 (named "r"), default p,m. */
    private static Config rule(String when) {
        return withRouter("{\"default\":\"p,m\",\"think\":\"p,m3\",\"rules\":[{\"name\":\"r\",\"when\":" + when + ",\"route\":\"p,m2\"}]}");
    }

    private static boolean matches(String when, ObjectNode body, String... headers) {
        return decide(rule(when), body, headers).target().orElseThrow().equals(new Target("p", "m2"));
    }

    @Nested
    class Conditions {
        @Test
        void model() {
            assertThat(matches("{\"model\":\"claude-*-haiku-*\"}", claudeCode("claude-3-5-haiku-2024"))).isTrue();
            assertThat(matches("{\"model\":\"claude-*-haiku-*\"}", claudeCode("claude-haiku"))).isFalse();
            assertThat(matches("{\"model\":[\"gpt-*\",\"CLAUDE-SONNET-?\"]}", claudeCode("claude-sonnet-5"))).isTrue();
            assertThat(matches("{\"model\":\"/^claude-(opus|sonnet)-\\\\d$/\"}", claudeCode("claude-opus-5"))).isTrue();
            assertThat(matches("{\"model\":\"/^claude-(opus|sonnet)-\\\\d$/\"}", claudeCode("claude-opus-4-8"))).isFalse();
        }

        @Test
        void tokens() {
            String when = "{\"tokens\":{\"above\":1000,\"below\":2000}}";
            assertThat(matches(when, withTokens(claudeCode("x"), 1001))).isTrue();
            assertThat(matches(when, withTokens(claudeCode("x"), 1000))).isFalse();
            assertThat(matches(when, withTokens(claudeCode("x"), 2000))).isFalse();
        }

        @Test
        void thinking() {
            ObjectNode body = claudeCode("x");
            assertThat(matches("{\"thinking\":\"adaptive\"}", body)).isTrue();
            assertThat(matches("{\"thinking\":true}", body)).isFalse();
            assertThat(matches("{\"thinking\":false}", body)).isTrue();
            body.remove("thinking");
            assertThat(matches("{\"thinking\":[\"absent\",\"disabled\"]}", body)).isTrue();
        }

        @Test
        void tools() {
            ObjectNode body = claudeCode("x");
            assertThat(matches("{\"tools\":true}", body)).isTrue();
            assertThat(matches("{\"tools\":false}", body)).isFalse();
            assertThat(matches("{\"tools\":\"read\"}", body)).isTrue();
            assertThat(matches("{\"tools\":[\"Exit*Mode\",\"web_search*\"]}", body)).isFalse();
            body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search");
            assertThat(matches("{\"tools\":[\"Exit*Mode\",\"web_search_*\"]}", body)).isTrue();
        }

        @Test
        void headers() {
            String when = "{\"headers\":{\"User-Agent\":\"claude-cli/* (external, cli)\",\"x-app\":\"cli\"}}";
            assertThat(matches(when, claudeCode("x"), "user-agent", "claude-cli/2.1.197 (external, cli)", "x-app", "cli")).isTrue();
            assertThat(matches(when, claudeCode("x"), "user-agent", "claude-cli/2.1.197 (external, sdk-cli)", "x-app", "cli")).isFalse();
            assertThat(matches(when, claudeCode("x"), "user-agent", "claude-cli/2.1.197 (external, cli)")).isFalse();
        }

        @Test
        void textInSystemAndUserMessages() {
            ObjectNode body = claudeCode("x");
            body.withArray("messages").addObject().put("role", "system").put("content", "Available agent types: Explore");
            assertThat(matches("{\"system\":\"working directory\"}", body)).isTrue();
            assertThat(matches("{\"system\":\"available AGENT types\"}", body)).isTrue();
            assertThat(matches("{\"system\":\"fix the bug\"}", body)).isFalse();
            assertThat(matches("{\"user\":\"fix the bug\"}", body)).isTrue();
            assertThat(matches("{\"user\":\"/fix (the|a) bug$/im\"}", body)).isTrue();
            body.withArray("messages").addObject().put("role", "user").put("content", "thanks");
            assertThat(matches("{\"lastUser\":\"fix the bug\"}", body)).isFalse();
            assertThat(matches("{\"lastUser\":\"thanks\"}", body)).isTrue();
        }

        @Test
        void session() {
            assertThat(matches("{\"session\":\"S*\"}", claudeCode("x"))).isTrue();
            ObjectNode anonymous = claudeCode("x");
            anonymous.remove("metadata");
            assertThat(matches("{\"session\":\"*\"}", anonymous)).isFalse();
        }

        @Test
        void project() throws IOException {
            Config config = rule("{\"project\":\"*-proj\"}");
            RoutingEnvironment env = RoutingFixtures.environment(RoutingFixtures.tempDir());
            Path transcript = env.claudeProjects().resolve("-home-u-proj/S1.jsonl");
            Files.createDirectories(transcript.getParent());
            Files.writeString(transcript, "{}\n");
            assertThat(Router.ccrDefault(env).decide(RoutingFixtures.request(claudeCode("x"), config)).target()).contains(new Target("p", "m2"));
            assertThat(decide(config, claudeCode("x")).target()).contains(new Target("p", "m"));
        }

        @Test
        void scenario() {
            ObjectNode body = claudeCode("claude-haiku-4-5");
            assertThat(matches("{\"scenario\":\"background\"}", body)).isTrue();
            assertThat(matches("{\"scenario\":[\"think\",\"webSearch\",\"longContext\",\"image\",\"subagent\"]}", body)).isFalse();
            body.putObject("thinking").put("type", "enabled");
            assertThat(matches("{\"scenario\":\"think\"}", body)).isTrue();
        }

        @Test
        void fields() {
            ObjectNode body = claudeCode("x");
            assertThat(matches("{\"fields\":{\"/output_config/effort\":\"high\",\"/max_tokens\":64000}}", body)).isTrue();
            assertThat(matches("{\"fields\":{\"/output_config/format\":true}}", body)).isFalse();
            assertThat(matches("{\"fields\":{\"/output_config/format\":false}}", body)).isTrue();
            assertThat(matches("{\"fields\":{\"/messages\":\"*\"}}", body)).isFalse();
        }

        @Test
        void anyAndNot() {
            ObjectNode body = claudeCode("claude-sonnet-5");
            assertThat(matches("{\"any\":[{\"model\":\"gpt*\"},{\"model\":\"*sonnet*\"}]}", body)).isTrue();
            assertThat(matches("{\"any\":[{\"model\":\"gpt*\"},{\"tools\":false}]}", body)).isFalse();
            assertThat(matches("{\"not\":{\"model\":\"*sonnet*\"}}", body)).isFalse();
            assertThat(matches("{\"not\":{\"model\":\"gpt*\"}}", body)).isTrue();
        }

        @Test
        void allKeysMustHold() {
            assertThat(matches("{\"model\":\"*sonnet*\",\"tools\":false}", claudeCode("claude-sonnet-5"))).isFalse();
            assertThat(matches("{\"model\":\"*sonnet*\",\"tools\":true}", claudeCode("claude-sonnet-5"))).isTrue();
        }

        @Test
        void anEmptyWhenAlwaysMatches() {
            Config config = withRouter("{\"default\":\"p,m\",\"rules\":[{\"name\":\"everything\",\"route\":\"p,m4\"}]}");
            assertThat(decide(config, claudeCode("p,m")).target()).contains(new Target("p", "m"));   // explicit still first
            assertThat(decide(config, claudeCode("claude-sonnet-5")).target()).contains(new Target("p", "m4"));
        }
    }

    @Nested
    class Routes {
        @Test
        void theFirstMatchingRuleWinsAndComesBeforeTheBuiltInScenarios() {
            Config config = withRouter("""
                    {"default":"p,m","background":"p,m3","rules":[
                      {"name":"no","when":{"model":"gpt*"},"route":"p,m4"},
                      {"name":"haiku","when":{"model":"*haiku*"},"route":"p,m2"},
                      {"name":"later","when":{},"route":"p,m4"}]}""");
            RouteDecision decision = decide(config, claudeCode("claude-haiku-4-5"));
            assertThat(decision.target()).contains(new Target("p", "m2"));
            assertThat(decision.decidingStep().orElseThrow().rule()).isEqualTo("rules/haiku");
            assertThat(decision.trace()).extracting(TraceStep::rule).contains("rules/no").doesNotContain("rules/later", "background");
        }

        @Test
        void aRouterReferenceRoutesWhereThatKeyDoesUnderItsScenario() {
            Config config = withRouter("{\"default\":\"p,m\",\"think\":\"p,m3\",\"rules\":[{\"name\":\"r\",\"when\":{\"model\":\"*\"},\"route\":\"Router.think\"}]}");
            RouteDecision decision = decide(config, claudeCode("claude-sonnet-5"));
            assertThat(decision.target()).contains(new Target("p", "m3"));
            assertThat(decision.scenario()).isEqualTo("think");
            assertThat(decision.decidingStep().orElseThrow().reason()).isEqualTo("matched: model 'claude-sonnet-5' matches '*'; Router.think is p,m3");
        }

        @Test
        void aReferenceToAnUnsetKeyPassesAndRoutingGoesOn() {
            Config config = withRouter("{\"default\":\"p,m\",\"rules\":[{\"name\":\"r\",\"route\":\"Router.background\"}]}");
            RouteDecision decision = decide(config, claudeCode("claude-sonnet-5"));
            assertThat(decision.target()).contains(new Target("p", "m"));
            assertThat(RouterTest.reason(decision, "rules/r")).isEqualTo("matched: no conditions, but Router.background is not set");
        }

        @Test
        void routesAreCanonicalised() {
            Config config = withRouter("{\"default\":\"p,m\",\"rules\":[{\"name\":\"r\",\"route\":\"DEEPSEEK,DeepSeek-Chat\"}]}");
            assertThat(decide(config, claudeCode("claude-sonnet-5")).target()).contains(new Target("DeepSeek", "deepseek-chat"));
        }
    }

    @Nested
    class Includes {
        @Test
        void aFileNextToTheConfigIsIncludedWithItsParameters() throws IOException {
            Path dir = RoutingFixtures.tempDir();
            Files.writeString(dir.resolve("mine.json5"), """
                    // my rules
                    {"params": {"to": "p,m3"},
                     "rules": [{"name": "sonnet", "when": {"model": "*sonnet*"}, "route": "#{to}"}]}""");
            Config defaults = withRouter("{\"default\":\"p,m\",\"rules\":[{\"use\":\"mine\"}]}", dir);
            Config given = withRouter("{\"default\":\"p,m\",\"rules\":[{\"use\":\"mine.json5\",\"with\":{\"to\":\"p,m4\"}}]}", dir);

            RouteDecision decision = decide(defaults, claudeCode("claude-sonnet-5"));
            assertThat(decision.target()).contains(new Target("p", "m3"));
            assertThat(decision.decidingStep().orElseThrow().rule()).isEqualTo("rules/mine/sonnet");
            assertThat(decide(given, claudeCode("claude-sonnet-5")).target()).contains(new Target("p", "m4"));
            assertThat(defaults.router().rules().getFirst().origin()).isEqualTo("Router.rules[0] → mine.json5 rules[0]");
        }

        @Test
        void aFileIncludesAnotherRelativeToItself() throws IOException {
            Path dir = RoutingFixtures.tempDir();
            Files.createDirectories(dir.resolve("sets"));
            Files.writeString(dir.resolve("sets/outer.json5"), "[{\"use\":\"inner\"},{\"name\":\"b\",\"route\":\"p,m3\"}]");
            Files.writeString(dir.resolve("sets/inner.json5"), "[{\"name\":\"a\",\"when\":{\"model\":\"*opus*\"},\"route\":\"p,m2\"}]");
            Config config = withRouter("{\"default\":\"p,m\",\"rules\":[{\"use\":\"sets/outer\"}]}", dir);
            assertThat(config.router().rules()).extracting(r -> r.name()).containsExactly("outer/inner/a", "outer/b");
        }

        @Test
        void aLocalFileWinsOverTheBundledOneOfTheSameName() throws IOException {
            Path dir = RoutingFixtures.tempDir();
            Files.writeString(dir.resolve("cost-saver.json5"), "[{\"name\":\"mine\",\"route\":\"p,m2\"}]");
            Config config = withRouter("{\"default\":\"p,m\",\"rules\":[{\"use\":\"cost-saver\"}]}", dir);
            assertThat(config.router().rules()).extracting(r -> r.name()).containsExactly("cost-saver/mine");
        }
    }

    @Nested
    class Problems {
        private static ConfigProblem only(String router) {
            ConfigException e = problems(router, RoutingFixtures.tempDir());
            assertThat(e.problems()).hasSize(1);
            return e.problems().getFirst();
        }

        @Test
        void anUnknownConditionNamesItsPathAndTheKnownKeys() {
            ConfigProblem problem = only("{\"rules\":[{\"name\":\"r\",\"when\":{\"modle\":\"x\"},\"route\":\"p,m\"}]}");
            assertThat(problem.path()).isEqualTo("Router.rules[0].when.modle");
            assertThat(problem.problem()).isEqualTo("is not a condition");
            assertThat(problem.remedy()).contains("model", "tokens", "thinking", "tools", "headers", "lastUser", "scenario", "fields");
        }

        @Test
        void aBadRegexSaysWhy() {
            ConfigProblem problem = only("{\"rules\":[{\"name\":\"r\",\"when\":{\"model\":\"/claude-(/\"},\"route\":\"p,m\"}]}");
            assertThat(problem.path()).isEqualTo("Router.rules[0].when.model");
            assertThat(problem.problem()).startsWith("'/claude-(/' is not a valid regular expression");
        }

        @Test
        void aRouteMustBeProviderCommaModelOrARouterKey() {
            assertThat(only("{\"rules\":[{\"name\":\"r\",\"route\":\"deepseek-chat\"}]}").problem()).isEqualTo("'deepseek-chat' is not \"provider,model\"");
            assertThat(only("{\"rules\":[{\"name\":\"r\",\"route\":\"Router.thinking\"}]}").remedy()).contains("Router.think");
        }

        @Test
        void aRuleNeedsANameAndARoute() {
            ConfigException e = problems("{\"rules\":[{\"when\":{}}]}", RoutingFixtures.tempDir());
            assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("Router.rules[0].name", "Router.rules[0].route");
        }

        @Test
        void wrongValuesForEachCondition() {
            ConfigException e = problems("""
                    {"rules":[{"name":"r","route":"p,m","when":{
                      "tokens":{"over":5},"thinking":"on","tools":3,"scenario":"haiku","fields":{"no-slash":"x"},
                      "headers":"x","any":[],"system":""}}]}""", RoutingFixtures.tempDir());
            assertThat(e.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                    "Router.rules[0].when.tokens", "Router.rules[0].when.thinking", "Router.rules[0].when.tools",
                    "Router.rules[0].when.scenario", "Router.rules[0].when.fields.no-slash", "Router.rules[0].when.headers",
                    "Router.rules[0].when.any", "Router.rules[0].when.system");
        }

        @Test
        void aMissingRuleFileNamesTheFoldersSearched() {
            ConfigProblem problem = only("{\"rules\":[{\"use\":\"nope\"}]}");
            assertThat(problem.path()).isEqualTo("Router.rules[0].use");
            assertThat(problem.problem()).startsWith("rule file 'nope' was not found in ").endsWith("nor among the bundled rule files");
            assertThat(problem.remedy()).contains("claude-code", "cost-saver", "plan-mode");
        }

        @Test
        void problemsInsideARuleFileNameTheFile() throws IOException {
            Path dir = RoutingFixtures.tempDir();
            Files.writeString(dir.resolve("bad.json5"), "[{\"name\":\"x\",\"when\":{\"tokens\":{\"above\":\"many\"}},\"route\":\"p,m\"}]");
            ConfigException e = problems("{\"rules\":[{\"use\":\"bad\"}]}", dir);
            assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("Router.rules[0] → bad.json5 rules[0].when.tokens.above");
        }

        @Test
        void anUnknownParameterAndAMissingOneAreReported() throws IOException {
            Path dir = RoutingFixtures.tempDir();
            Files.writeString(dir.resolve("p.json5"), "{\"params\":{\"to\":\"p,m\"},\"rules\":[{\"name\":\"x\",\"route\":\"#{too}\"}]}");
            ConfigException e = problems("{\"rules\":[{\"use\":\"p\",\"with\":{\"tooo\":\"p,m2\"}}]}", dir);
            assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("Router.rules[0].with.tooo", "Router.rules[0] → p.json5 rules[0].route");
        }

        @Test
        void aCircularIncludeIsReported() throws IOException {
            Path dir = RoutingFixtures.tempDir();
            Files.writeString(dir.resolve("a.json5"), "[{\"use\":\"b\"}]");
            Files.writeString(dir.resolve("b.json5"), "[{\"use\":\"a\"}]");
            ConfigException e = problems("{\"rules\":[{\"use\":\"a\"}]}", dir);
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.problem()).contains("includes itself"));
        }

        @Test
        void aRouteToAnUnknownProviderIsAWarning() {
            Config config = withRouter("{\"default\":\"p,m\",\"rules\":[{\"name\":\"r\",\"route\":\"nope,m\"}]}");
            assertThat(config.warnings()).anySatisfy(w -> {
                assertThat(w.path()).isEqualTo("Router.rules[0].route");
                assertThat(w.problem()).contains("provider 'nope' is not configured");
            });
        }

        @Test
        void familiesAndModelsAreCheckedToo() {
            ConfigException e = problems("{\"families\":{\"gpt\":{\"default\":\"p,m\"},\"opus\":{}},\"models\":{\"x\":\"m\"}}", RoutingFixtures.tempDir());
            assertThat(e.problems()).extracting(ConfigProblem::path)
                    .containsExactly("Router.families.gpt", "Router.families.opus.default", "Router.models.x");
        }
    }
}
