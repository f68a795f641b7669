package dev.ccr.metrics;

import dev.ccr.acceptance.ScriptedRouters;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls into JavaScript are timed per script and hook in {@code GET /metrics}. */
class ScriptCallMetricsTest {
    @Test
    void theCustomRouterAndAPluginsRequestHalfAreTimed() throws Exception {
        Path router = ScriptFiles.write("timed-router.js", "module.exports = async () => null;");
        Path plugin = ScriptFiles.write("timed-plugin.js", """
                module.exports = class {
                  constructor() { this.name = 'timed'; }
                  async transformRequestIn(request) { return request; }
                };
                """);
        String config = """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"],"transformer":{"use":["timed"]}}],
                 "Router":{"default":"p,m"}, "CUSTOM_ROUTER_PATH": %s, "transformers":[{"path":%s}], "SCRIPT_CONTEXTS": 1}
                """;
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(config.formatted(Upstreams.url(upstream, "/v1/chat/completions"),
                     ScriptFiles.json(router), ScriptFiles.json(plugin)))) {
            upstream.enqueue(ScriptedRouters.answer());
            assertThat(ccr.post("/v1/messages", ScriptedRouters.request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);

            assertThat(ccr.get("/metrics").body())
                    .contains("ccr_js_call_seconds_count{hook=\"router\",outcome=\"ok\",script=\"timed-router.js\"} 1")
                    .contains("ccr_js_call_seconds_count{hook=\"transformRequestIn\",outcome=\"ok\",script=\"timed\"} 1")
                    .contains("ccr_js_call_seconds_bucket{hook=\"router\",outcome=\"ok\",script=\"timed-router.js\",le=\"+Inf\"} 1");
        }
    }
}
