package dev.ccr.acceptance.plugins;

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
import static dev.ccr.acceptance.ScriptedRouters.pluginConfig;
import static dev.ccr.acceptance.ScriptedRouters.request;
import static dev.ccr.acceptance.ScriptedRouters.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plugin from {@code transformers: [{path, options}]}, referenced by name in a provider's chain,
 * rewrites the upstream request with its options and has {@code this.logger}.
 */
@Tag("ccr-11.53")
class PluginOptionsTest {
    @Test
    void aPluginSetsTheTemperatureFromItsOptionsAndLogs() throws Exception {
        Path plugin = ScriptFiles.write("t.js", """
                module.exports = class T {
                  constructor(o) { this.name = "t"; this.o = o; }
                  async transformRequestIn(r) {
                    r.temperature = this.o.t;
                    this.logger.info({ model: r.model }, 'setting temperature');
                    return r;
                  }
                };
                """);
        try (LogCapture log = LogCapture.of("dev.ccr.script");
             MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(pluginConfig(upstream, "{\"use\":[\"t\"]}", plugin))) {
            upstream.enqueue(answer());

            assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
            JsonNode sent = upstreamBody(upstream);
            assertThat(sent.get("temperature").asDouble()).isEqualTo(0.1);
            assertThat(log.text()).contains("Loaded plugin 't' (" + plugin + ")").contains("[t] setting temperature { model: 'm' }");
            JsonNode listed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ccr.get("/api/transformers").body());
            assertThat(listed.get("transformers")).anySatisfy(t -> assertThat(t.toString()).isEqualTo("{\"name\":\"t\",\"endpoint\":null}"))
                    .anySatisfy(t -> assertThat(t.get("name").asText()).isEqualTo("maxtoken"));
        }
    }
}
