package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.decide;
import static dev.ccr.routing.RoutingFixtures.withRouter;
import static org.assertj.core.api.Assertions.assertThat;

/** The fork's image routing (docs/routing.md): after routing, images need a model that reads them. */
class ImageRoutingTest {
    private static final Config CONFIG = withRouter("{\"default\":\"DeepSeek,deepseek-chat\",\"think\":\"p,m3\",\"image\":\"p,qwen-vl\"}");

    private static ObjectNode withImage(String model) {
        ObjectNode body = claudeCode(model);
        body.withArray("messages").addObject().put("role", "user").putArray("content").addObject().put("type", "image")
                .putObject("source").put("type", "base64").put("media_type", "image/png").put("data", "AAA");
        return body;
    }

    @Test
    void anImageForATextModelGoesToTheImageModel() {
        RouteDecision decision = decide(CONFIG, withImage("claude-sonnet-5"));
        assertThat(decision.target()).contains(new Target("p", "qwen-vl"));
        assertThat(decision.scenario()).isEqualTo("image");
        assertThat(decision.decidingStep().orElseThrow().reason())
                .isEqualTo("a user message has an image and 'deepseek-chat' is not a vision model; Router.image is p,qwen-vl");
        // the rule that chose first is still in the trace
        assertThat(decision.trace()).filteredOn(TraceStep::decided).extracting(TraceStep::rule).containsExactly("default", "image");
    }

    @Test
    void anImageInsideAToolResultCounts() {
        ObjectNode body = claudeCode("claude-sonnet-5");
        body.withArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", "t1").putArray("content").addObject().put("type", "image");
        assertThat(decide(CONFIG, body).target()).contains(new Target("p", "qwen-vl"));
    }

    @Test
    void aVisionModelKeepsTheImage() {
        Config vision = withRouter("{\"default\":\"p,qwen-vl\",\"image\":\"p,m2\"}");
        RouteDecision decision = decide(vision, withImage("claude-sonnet-5"));
        assertThat(decision.target()).contains(new Target("p", "qwen-vl"));
        assertThat(RouterTest.reason(decision, "image")).isEqualTo("a user message has an image, and 'qwen-vl' reads images");
    }

    @Test
    void withoutImagesOrWithoutRouterImageNothingChanges() {
        assertThat(decide(CONFIG, claudeCode("claude-sonnet-5")).target()).contains(new Target("DeepSeek", "deepseek-chat"));
        Config noImage = withRouter("{\"default\":\"DeepSeek,deepseek-chat\"}");
        assertThat(decide(noImage, withImage("claude-sonnet-5")).target()).contains(new Target("DeepSeek", "deepseek-chat"));
    }

    @Test
    void anExplicitTextModelWithAnImageAlsoSwitches() {
        assertThat(decide(CONFIG, withImage("p,m3")).target()).contains(new Target("p", "qwen-vl"));
    }
}
