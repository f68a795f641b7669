package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.LogCapture;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts that go wrong: each gives a clear log line and either a clean Anthropic-shaped error or a fallback, and ccr
 * keeps serving, on the same JS context, afterwards.
 */
class ScriptFailureTest {
    static final String REQUEST = "{\"model\":\"%s\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static String plugin(String name, String body) {
        return "module.exports = class { constructor() { this.name = '" + name + "'; } " + body + " };\n";
    }

    @Test
    void brokenPluginsGiveAClearErrorOrAreSkippedAndTheServerKeepsServing() throws Exception {
        Path dir = ScriptFiles.folder();
        Path throwing = ScriptFiles.write(dir, "throwing.js", plugin("throwing", "transformRequestIn() { throw new Error('plugin exploded'); }"));
        Path hanging = ScriptFiles.write(dir, "hanging.js", plugin("hanging", "transformRequestIn() { return new Promise(() => {}); }"));
        Path looping = ScriptFiles.write(dir, "looping.js", plugin("looping", "transformRequestIn() { for (;;) {} }"));
        Path unloadable = ScriptFiles.write(dir, "unloadable.js", "module.exports = class { constructor() { this.name = 'unloadable' ;\n");
        Path needsChild = ScriptFiles.write(dir, "needs-child.js", "const { fork } = require('cluster');\n"
                + plugin("needs-child", "transformRequestIn(r) { r.forked = typeof fork; return r; }"));
        Path good = ScriptFiles.write(dir, "good.js", plugin("good", "transformRequestIn(r) { r.good = true; return r; }"));

        try (LogCapture log = LogCapture.of("dev.ccr.script"); MockWebServer upstream = Upstreams.mock()) {
            String url = Upstreams.url(upstream, "/v1/chat/completions");
            StringBuilder providers = new StringBuilder();
            for (String name : new String[] {"throwing", "hanging", "looping", "unloadable", "needs-child", "good"}) {
                providers.append(providers.isEmpty() ? "" : ",").append("""
                        {"name":"%1$s","api_base_url":"%2$s","api_key":"k","models":["m"],"transformer":{"use":["%1$s"]}}""".formatted(name, url));
            }
            StringBuilder transformers = new StringBuilder();
            for (Path p : new Path[] {throwing, hanging, looping, unloadable, needsChild, good}) {
                transformers.append(transformers.isEmpty() ? "" : ",").append("{\"path\":").append(ScriptFiles.json(p)).append("}");
            }
            try (RunningRouter ccr = RunningRouter.start("""
                    {"Providers":[%s], "Router":{"default":"good,m"}, "transformers":[%s],
                     "SCRIPT_CONTEXTS": 1, "SCRIPT_TIMEOUT_MS": 1000}
                    """.formatted(providers, transformers))) {

                HttpResponse<String> thrown = ccr.post("/v1/messages", REQUEST.formatted("throwing,m"));
                assertClientError(thrown, "Transformer plugin 'throwing' (" + throwing + "): transformRequestIn failed: Error: plugin exploded");

                HttpResponse<String> hung = ccr.post("/v1/messages", REQUEST.formatted("hanging,m"));
                assertClientError(hung, "Transformer plugin 'hanging' (" + hanging + "): transformRequestIn did not finish within 1000 ms");

                HttpResponse<String> looped = ccr.post("/v1/messages", REQUEST.formatted("looping,m"));
                assertClientError(looped, "Transformer plugin 'looping' (" + looping + "): transformRequestIn");
                assertThat(log.text()).contains("Stopped a script call on JS context 0 that ran longer than 1000 ms");

                for (String skipped : new String[] {"unloadable", "needs-child"}) {
                    upstream.enqueue(PluginCorpusTest.json(PluginCorpusTest.ANSWER));
                    assertThat(ccr.post("/v1/messages", REQUEST.formatted(skipped + ",m")).statusCode()).isEqualTo(200);
                    assertThat(PluginCorpusTest.body(upstream.takeRequest()).has("user")).isFalse();
                }
                assertThat(log.text())
                        .contains("ERROR Plugin " + unloadable + " was not loaded: SyntaxError")
                        .contains("ERROR Plugin " + needsChild + " was not loaded: it requires module 'cluster', which ccr does not provide")
                        .contains("WARN Transformer 'unloadable' is neither built in nor a loaded plugin; it is skipped");

                // The same JS context still serves plugins.
                upstream.enqueue(PluginCorpusTest.json(PluginCorpusTest.ANSWER));
                assertThat(ccr.post("/v1/messages", REQUEST.formatted("claude-sonnet-4")).statusCode()).isEqualTo(200);
                assertThat(PluginCorpusTest.body(upstream.takeRequest()).get("good").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void brokenCustomRoutersFallBackToTheBuiltInRules() throws Exception {
        Path dir = ScriptFiles.folder();
        String[][] routers = {
                {"hanging.js", "module.exports = () => new Promise(() => {});", "did not answer within 1000 ms"},
                {"looping.js", "module.exports = () => { for (;;) {} };", "failed: the script was stopped"},
                {"no-module.js", "const cluster = require('cluster');\nmodule.exports = async () => 'p,m2';",
                        "failed to load: it requires module 'cluster', which ccr does not provide"},
                {"not-a-function.js", "module.exports = { route: () => 'p,m2' };", "failed to load: TypeError: module.exports is not a function"},
                {"wrong-answer.js", "module.exports = async () => 42;", "returned a number"},
        };
        for (String[] router : routers) {
            Path file = ScriptFiles.write(dir, router[0], router[1]);
            try (LogCapture log = LogCapture.of("dev.ccr.script"); MockWebServer upstream = Upstreams.mock();
                 RunningRouter ccr = RunningRouter.start("""
                         {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"]}],
                          "Router":{"default":"p,m"}, "CUSTOM_ROUTER_PATH": %s, "SCRIPT_CONTEXTS": 1, "SCRIPT_TIMEOUT_MS": 1000}
                         """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), ScriptFiles.json(file)))) {
                upstream.enqueue(PluginCorpusTest.json(PluginCorpusTest.ANSWER));
                upstream.enqueue(PluginCorpusTest.json(PluginCorpusTest.ANSWER));

                for (int i = 0; i < 2; i++) {
                    assertThat(ccr.post("/v1/messages", REQUEST.formatted("claude-sonnet-4")).statusCode()).as(router[0]).isEqualTo(200);
                    assertThat(PluginCorpusTest.body(upstream.takeRequest()).get("model").asText()).as(router[0]).isEqualTo("m");
                }
                assertThat(log.text()).as(router[0]).contains(router[2]);
            }
        }
    }

    private static void assertClientError(HttpResponse<String> response, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = PluginCorpusTest.JSON.readTree(response.body());
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("api_error");
        assertThat(error.at("/error/message").asText()).startsWith(message);
    }
}
