package dev.ccr.acceptance.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.LogCapture;
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

/**
 * A {@code CUSTOM_ROUTER_PATH} router routes large requests to m2, lets small ones fall to the
 * built-in rules, falls back with an error log when it throws, and sees {@code Router}, {@code Providers} and
 * {@code providers} in its config argument.
 */
@Tag("ccr-11.34")
class CustomRouterScriptTest {
    @Test
    void largeRequestsGoWhereTheRouterSaysAndSmallOnesToTheBuiltInRules() throws Exception {
        Path router = ScriptFiles.write("router.js", """
                module.exports = async (req, config) => {
                  req.body.system = 'config has ' + ['Router', 'Providers', 'providers'].filter(k => k in config).join(',');
                  return req.tokenCount > 10 ? "p,m2" : null;
                };
                """);
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter ccr = RunningRouter.start(routerConfig(upstream, router))) {
            upstream.enqueue(answer());
            upstream.enqueue(answer());

            assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "one two three four five six seven eight nine ten eleven twelve"))
                    .statusCode()).isEqualTo(200);
            JsonNode large = upstreamBody(upstream);
            assertThat(large.get("model").asText()).isEqualTo("m2");
            assertThat(large.path("messages").get(0).path("content").asText()).isEqualTo("config has Router,Providers,providers");

            assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
            assertThat(upstreamBody(upstream).get("model").asText()).isEqualTo("m");
        }
    }

    @Test
    void aRouterThatThrowsFallsBackToTheBuiltInRulesWithAnErrorLog() throws Exception {
        Path router = ScriptFiles.write("throwing-router.js", """
                module.exports = async function router(req) {
                  throw new Error('no route for you');
                };
                """);
        try (LogCapture log = LogCapture.of("dev.ccr.script");
             MockWebServer upstream = Upstreams.mock(); RunningRouter ccr = RunningRouter.start(routerConfig(upstream, router))) {
            upstream.enqueue(answer());

            assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
            assertThat(upstreamBody(upstream).get("model").asText()).isEqualTo("m");
            assertThat(log.text()).contains("ERROR Custom router " + router + " failed: Error: no route for you")
                    .contains("the built-in rules route this request");
        }
    }
}
