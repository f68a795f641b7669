package dev.ccr.compat;

import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §11 item 55 with a plugin: a model-level chain {@code "m2": {"use": [...]}} applies only when m2 is routed. */
class Spec11_55Test {
    @Test
    void item55_aModelLevelPluginRunsOnlyForItsModel() throws Exception {
        Path plugin = ScriptFiles.write("mark.js", """
                module.exports = class { name = 'mark'; transformRequestIn(r) { r.marked = true; return r; } };
                """);
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(Spec11_53Test.config(upstream, "{\"m2\":{\"use\":[\"mark\"]}}", plugin))) {
            upstream.enqueue(Spec11_34Test.answer());
            upstream.enqueue(Spec11_34Test.answer());

            assertThat(ccr.post("/v1/messages", Spec11_34Test.request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
            assertThat(Spec11_34Test.upstreamBody(upstream).has("marked")).isFalse();

            assertThat(ccr.post("/v1/messages", Spec11_34Test.request("p,m2", "hi")).statusCode()).isEqualTo(200);
            assertThat(Spec11_34Test.upstreamBody(upstream).get("marked").asBoolean()).isTrue();
        }
    }
}
