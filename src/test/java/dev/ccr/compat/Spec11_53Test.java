package dev.ccr.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.LogCapture;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec §11 item 53: a plugin from {@code transformers: [{path, options}]}, referenced by name in a provider's chain,
 * rewrites the upstream request with its options and has {@code this.logger}.
 */
class Spec11_53Test {
    static String config(MockWebServer upstream, String use, Path... plugins) {
        StringBuilder list = new StringBuilder();
        for (Path plugin : plugins) {
            list.append(list.isEmpty() ? "" : ",").append("{\"path\":").append(ScriptFiles.json(plugin)).append(",\"options\":{\"t\":0.1}}");
        }
        return """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"],"transformer":%s}],
                 "Router":{"default":"p,m"}, "transformers":[%s], "SCRIPT_CONTEXTS": 1}
                """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), use, list);
    }

    @Test
    void item53_aPluginSetsTheTemperatureFromItsOptionsAndLogs() throws Exception {
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
             RunningRouter ccr = RunningRouter.start(config(upstream, "{\"use\":[\"t\"]}", plugin))) {
            upstream.enqueue(Spec11_34Test.answer());

            assertThat(ccr.post("/v1/messages", Spec11_34Test.request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
            JsonNode sent = Spec11_34Test.upstreamBody(upstream);
            assertThat(sent.get("temperature").asDouble()).isEqualTo(0.1);
            assertThat(log.text()).contains("Loaded plugin 't' (" + plugin + ")").contains("[t] setting temperature { model: 'm' }");
            JsonNode listed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ccr.get("/api/transformers").body());
            assertThat(listed.get("transformers")).anySatisfy(t -> assertThat(t.toString()).isEqualTo("{\"name\":\"t\",\"endpoint\":null}"))
                    .anySatisfy(t -> assertThat(t.get("name").asText()).isEqualTo("maxtoken"));
        }
    }
}
