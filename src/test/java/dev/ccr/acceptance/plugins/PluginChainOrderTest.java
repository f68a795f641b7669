package dev.ccr.acceptance.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.ccr.acceptance.ScriptedRouters.JSON;
import static dev.ccr.acceptance.ScriptedRouters.answer;
import static dev.ccr.acceptance.ScriptedRouters.pluginConfig;
import static dev.ccr.acceptance.ScriptedRouters.request;
import static dev.ccr.acceptance.ScriptedRouters.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With plugins: a provider chain {@code use: [A, B]} runs A's {@code transformRequestIn} then B's, and
 * B's {@code transformResponseOut} then A's (ccr's chain is nested; see docs/compatibility.md for the model-level part).
 */
@Tag("ccr-11.54")
class PluginChainOrderTest {
    static Path plugin(Path dir, String name) {
        return ScriptFiles.write(dir, name + ".js", """
                module.exports = class {
                  constructor() { this.name = '%1$s'; }
                  async transformRequestIn(request) {
                    request.order = (request.order || []).concat('%1$s');
                    return request;
                  }
                  async transformResponseOut(response) {
                    const json = await response.json();
                    json.choices[0].message.content += '-%1$s';
                    return new Response(JSON.stringify(json), { status: response.status, headers: response.headers });
                  }
                };
                """.formatted(name));
    }

    @Test
    void requestHalvesRunInListOrderAndResponseHalvesInReverse() throws Exception {
        Path dir = ScriptFiles.folder();
        Path a = plugin(dir, "A");
        Path b = plugin(dir, "B");
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(pluginConfig(upstream, "{\"use\":[\"A\",\"B\"]}", a, b))) {
            upstream.enqueue(answer());

            var response = ccr.post("/v1/messages", request("claude-sonnet-4", "hi"));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode sent = upstreamBody(upstream);
            assertThat(sent.get("order").toString()).isEqualTo("[\"A\",\"B\"]");
            assertThat(JSON.readTree(response.body()).at("/content/0/text").asText()).isEqualTo("Hi-B-A");
        }
    }
}
