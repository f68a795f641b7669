package dev.ccr.routing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.observe.AccessLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every decision explains itself: the trace names the rule that fired, and says what each rule saw. */
class ExplanationTest {
    private static final String ROUTER = """
            {"default":"p,m","background":"p,m2","think":"p,m3","longContext":"p,m4","longContextThreshold":2000,
             "webSearch":"DeepSeek,deepseek-chat","image":"p,qwen-vl",
             "rules":[{"name":"titles","when":{"fields":{"/output_config/format/type":"json_schema"}},"route":"DeepSeek,deepseek-chat"}]}""";
    private static final Config CONFIG = withRouter(ROUTER);

    private static ObjectNode request(String kind) {
        ObjectNode body = claudeCode("claude-opus-4-8");
        switch (kind) {
            case "plain" -> { }
            case "haiku" -> body.put("model", "claude-haiku-4-5");
            case "thinking" -> body.putObject("thinking").put("type", "enabled");
            case "long" -> withTokens(body, 2001);
            case "search" -> body.withArray("tools").addObject().put("type", "web_search_20250305");
            case "explicit" -> body.put("model", "p,m2");
            case "tagged" -> ((ObjectNode) body.withArray("system").get(1)).put("text", "<CCR-SUBAGENT-MODEL>p,m4</CCR-SUBAGENT-MODEL>");
            case "title" -> RuleFilesTest.titleRequest().properties().forEach(f -> body.set(f.getKey(), f.getValue()));
            case "image" -> {
                body.put("model", "p,m");
                body.withArray("messages").addObject().put("role", "user").putArray("content").addObject().put("type", "image");
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return body;
    }

    @ParameterizedTest
    @CsvSource({
            "plain, default, p,m",
            "haiku, background, p,m2",
            "thinking, think, p,m3",
            "long, long-context, p,m4",
            "search, web-search, DeepSeek,deepseek-chat",
            "explicit, explicit-model, p,m2",
            "tagged, subagent, p,m4",
            "title, rules/titles, DeepSeek,deepseek-chat",
            "image, image, p,qwen-vl"})
    void theTraceNamesTheRuleThatFired(String kind, String rule, String provider, String model) {
        RouteDecision decision = decide(CONFIG, request(kind));
        assertThat(decision.target()).contains(new Target(provider, model));
        assertThat(decision.decidingStep()).get().extracting(TraceStep::rule).isEqualTo(rule);
        assertThat(decision.render()).contains("→ " + rule + ": ").contains("target:   " + provider + "," + model);
    }

    @Test
    void theTextExplanationForTheCli() {
        String text = Explainer.explain(CONFIG, request("thinking").toString());

        assertThat(text).startsWith("""
                target:   p,m3
                scenario: think (decided by think)
                tokens:   """);
        assertThat(text).contains("session:  S1 (from metadata.user_id, JSON session_id)\n")
                .contains("\n    explicit-model: model 'claude-opus-4-8' names no provider\n")
                .contains("\n    rules/titles: did not match: /output_config/format/type is absent\n")
                .contains("\n  → think: thinking.type is enabled; Router.think is p,m3\n")
                .doesNotContain("default:");
    }

    @Test
    void theExplanationListsTheBodyEdits() {
        String text = Explainer.explain(CONFIG, request("tagged").toString(), Map.of());
        assertThat(text).endsWith("edits:\n  /system/1/text: removed <CCR-SUBAGENT-MODEL>p,m4</CCR-SUBAGENT-MODEL>\n");
    }

    @Test
    void aBodyThatIsNotARequestIsRefusedWithAReason() {
        assertThatThrownBy(() -> Explainer.explain(CONFIG, "{nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the request is not valid JSON");
        assertThatThrownBy(() -> Explainer.explain(CONFIG, "[]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the request must be a JSON object (an Anthropic Messages request body)");
    }

    @Test
    void theExplainEndpointAnswersWithoutCallingTheProvider() {
        try (PassthroughRouting ccr = PassthroughRouting.start(ROUTER)) {
            HttpResponse<String> response = ccr.router().post("/api/route/explain", request("haiku").toString(),
                    "x-claude-code-session-id", "ignored-because-the-body-has-one");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode json = RoutingFixtures.parse(response.body());
            assertThat(json.path("target").asText()).isEqualTo("p,m2");
            assertThat(json.path("provider").asText()).isEqualTo("p");
            assertThat(json.path("model").asText()).isEqualTo("m2");
            assertThat(json.path("scenario").asText()).isEqualTo("background");
            assertThat(json.path("rule").asText()).isEqualTo("background");
            assertThat(json.path("sessionId").asText()).isEqualTo("S1");
            assertThat(json.path("tokenCount").asInt()).isPositive();
            assertThat(json.path("trace").get(0).path("rule").asText()).isEqualTo("session");
            assertThat(json.path("trace")).anySatisfy(step -> {
                assertThat(step.path("rule").asText()).isEqualTo("background");
                assertThat(step.path("decided").asBoolean()).isTrue();
                assertThat(step.path("reason").asText()).isEqualTo("model 'claude-haiku-4-5' is a Claude Haiku; Router.background is p,m2");
            });
            assertThat(json.path("edits")).isEmpty();
            assertThat(ccr.requestCount()).isZero();
        }
    }

    @Test
    void theExplainEndpointSaysWhenNothingRoutes() {
        try (PassthroughRouting ccr = PassthroughRouting.start("{}")) {
            JsonNode json = RoutingFixtures.parse(ccr.router().post("/api/route/explain", request("plain").toString()).body());
            assertThat(json.path("target").isNull()).isTrue();
            assertThat(json.path("rule").isNull()).isTrue();
            assertThat(ccr.router().post("/api/route/explain", "not json").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theExplainEndpointNeedsTheApiKeyLikeEveryApiRoute() {
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\"}", "\"APIKEY\":\"s\"")) {
            assertThat(ccr.router().post("/api/route/explain", request("plain").toString()).statusCode()).isEqualTo(401);
            assertThat(ccr.router().post("/api/route/explain", request("plain").toString(), "x-api-key", "s").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theTraceIsLoggedAtDebug() {
        Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        try (PassthroughRouting ccr = PassthroughRouting.start(ROUTER)) {
            ccr.send(request("thinking").toString());
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).contains("routing:").contains("→ think: thinking.type is enabled; Router.think is p,m3");
        });
    }
}
