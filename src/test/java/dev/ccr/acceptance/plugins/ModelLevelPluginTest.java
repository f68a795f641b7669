package dev.ccr.acceptance.plugins;

import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.ccr.acceptance.ScriptedRouters.answer;
import static dev.ccr.acceptance.ScriptedRouters.pluginConfig;
import static dev.ccr.acceptance.ScriptedRouters.request;
import static dev.ccr.acceptance.ScriptedRouters.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;

/** With a plugin: a model-level chain {@code "m2": {"use": [...]}} applies only when m2 is routed. */
@Tag("ccr-11.55")
class ModelLevelPluginTest {
    @Test
    void aModelLevelPluginRunsOnlyForItsModel() throws Exception {
        Path plugin = ScriptFiles.write("mark.js", """
                module.exports = class { name = 'mark'; transformRequestIn(r) { r.marked = true; return r; } };
                """);
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(pluginConfig(upstream, "{\"m2\":{\"use\":[\"mark\"]}}", plugin))) {
            upstream.enqueue(answer());
            upstream.enqueue(answer());

            assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
            assertThat(upstreamBody(upstream).has("marked")).isFalse();

            assertThat(ccr.post("/v1/messages", request("p,m2", "hi")).statusCode()).isEqualTo(200);
            assertThat(upstreamBody(upstream).get("marked").asBoolean()).isTrue();
        }
    }
}
