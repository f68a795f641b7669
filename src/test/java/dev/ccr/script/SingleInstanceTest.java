package dev.ccr.script;

import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.ccr.script.PluginCorpusTest.ANSWER;
import static dev.ccr.script.PluginCorpusTest.json;
import static dev.ccr.script.PluginCorpusTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/** One instance of each plugin and of the custom router in the whole process, as in CCR, and how a router's answer routes. */
class SingleInstanceTest {
    @Test
    void aPluginAndARouterAreConstructedExactlyOnceHoweverManyRequestsRunAtOnce() throws Exception {
        Path dir = ScriptFiles.folder();
        Path plugin = ScriptFiles.write(dir, "counted.js", """
                const fs = require('fs');
                const path = require('path');
                module.exports = class {
                  constructor() {
                    this.name = 'counted';
                    fs.appendFileSync(path.join(__dirname, 'constructed'), 'plugin\\n');
                    this.calls = 0;
                  }
                  async transformRequestIn(request) { request.call = ++this.calls; return request; }
                };
                """);
        Path router = ScriptFiles.write(dir, "router.js", """
                require('fs').appendFileSync(require('path').join(__dirname, 'constructed'), 'router\\n');
                module.exports = async () => null;
                """);
        try (MockWebServer upstream = Upstreams.mock()) {
            for (int i = 0; i < 8; i++) {
                upstream.enqueue(json(ANSWER));
            }
            try (RunningRouter ccr = RunningRouter.start("""
                    {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"],"transformer":{"use":["counted"]}}],
                     "Router":{"default":"p,m"}, "CUSTOM_ROUTER_PATH": %s, "transformers":[{"path":%s}], "SCRIPT_CONTEXTS": 4}
                    """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), ScriptFiles.json(router), ScriptFiles.json(plugin)));
                 ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(clients.submit(() -> ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false))));
                }
                for (Future<HttpResponse<String>> answer : answers) {
                    assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                }
                List<Integer> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(NodeModulesTest.sent(upstream).path("call").asInt());
                }

                assertThat(Files.readAllLines(dir.resolve("constructed"))).containsExactlyInAnyOrder("plugin", "router");
                assertThat(calls).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
            }
        }
    }

    @Test
    void aRouterAnswerWithoutACommaNamesAProviderWithAnEmptyModelAsInCcr() throws Exception {
        Path router = ScriptFiles.write("router.js", """
                module.exports = async req => req.body.messages[0].content[0].text === 'search' ? 'webSearch_chat' : 'nowhere';
                """);
        try (MockWebServer main = Upstreams.mock(); MockWebServer search = Upstreams.mock()) {
            search.enqueue(json(ANSWER));
            try (RunningRouter ccr = RunningRouter.start("""
                    {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]},
                                  {"name":"webSearch_chat","api_base_url":"%s","api_key":"k","models":["s"]}],
                     "Router":{"default":"p,m"}, "CUSTOM_ROUTER_PATH": %s}
                    """.formatted(Upstreams.url(main, "/v1/chat/completions"), Upstreams.url(search, "/v1/chat/completions"),
                    ScriptFiles.json(router)))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "search", false)).statusCode()).isEqualTo(200);
                assertThat(NodeModulesTest.sent(search).path("model").asText("absent")).isEmpty();

                HttpResponse<String> unknown = ccr.post("/v1/messages", request("claude-sonnet-4", "other", false));
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(unknown.body()).contains("Provider 'nowhere' not found");
                assertThat(main.getRequestCount()).isZero();
            }
        }
    }
}
