package dev.ccr.compat;

import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §11 item 35: the custom router runs before the explicit {@code provider,model} rule, and explanations show it. */
class Spec11_35Test {
    @Test
    void item35_theCustomRouterWinsOverAnExplicitProviderModel() throws Exception {
        Path router = ScriptFiles.write("router.js", "module.exports = async () => 'p,m2';\n");
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(Spec11_34Test.config(upstream, router))) {
            upstream.enqueue(Spec11_34Test.answer());

            assertThat(ccr.post("/v1/messages", Spec11_34Test.request("p,m", "hi")).statusCode()).isEqualTo(200);
            assertThat(Spec11_34Test.upstreamBody(upstream).get("model").asText()).isEqualTo("m2");
        }
    }
}
