package dev.ccr.acceptance.routing;

import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.ccr.acceptance.ScriptedRouters.answer;
import static dev.ccr.acceptance.ScriptedRouters.request;
import static dev.ccr.acceptance.ScriptedRouters.routerConfig;
import static dev.ccr.acceptance.ScriptedRouters.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;

/** The custom router runs before the explicit {@code provider,model} rule, and explanations show it. */
@Tag("ccr-11.35")
class CustomRouterBeforeExplicitModelTest {
    @Test
    void theCustomRouterWinsOverAnExplicitProviderModel() throws Exception {
        Path router = ScriptFiles.write("router.js", "module.exports = async () => 'p,m2';\n");
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(routerConfig(upstream, router))) {
            upstream.enqueue(answer());

            assertThat(ccr.post("/v1/messages", request("p,m", "hi")).statusCode()).isEqualTo(200);
            assertThat(upstreamBody(upstream).get("model").asText()).isEqualTo("m2");
        }
    }
}
