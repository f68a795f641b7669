package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 64 concurrent streamed requests through a JS router (which awaits a timer) and a streaming JS plugin (which
 * re-frames the SSE answer), on two JS contexts: every answer is the one for its own request.
 */
class ScriptConcurrencyTest {
    private static final int REQUESTS = 64;

    /** Streams back reasoning "r-N" and text "req-N" for a request whose user text is "req-N", naming the model it got. */
    private static final class Echo extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            try {
                JsonNode body = PluginCorpusTest.JSON.readTree(request.getBody().utf8());
                String text = body.at("/messages/0/content").asText();
                String model = body.get("model").asText();
                String n = text.substring("req-".length());
                return PluginCorpusTest.sse(
                        "{\"model\":\"" + model + "\",\"choices\":[{\"delta\":{\"reasoning\":\"r-" + n + "\"}}]}",
                        "{\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}",
                        "{\"choices\":[{\"delta\":{\"content\":\" via " + model + "\"}}]}",
                        "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}");
            } catch (Exception e) {
                return new MockResponse.Builder().code(500).body(e.toString()).build();
            }
        }
    }

    @Test
    void sixtyFourConcurrentRequestsThroughAJsRouterAndAStreamingPluginAllGetTheirOwnAnswer() throws Exception {
        Path router = ScriptFiles.write("router.js", """
                module.exports = async (req) => {
                  await new Promise(resolve => setTimeout(resolve, 2));
                  const n = Number(req.body.messages[0].content.slice(4));
                  return n % 2 === 0 ? 'p,m2' : 'p,m';
                };
                """);
        Path plugin = PluginCorpusTest.corpus("reasoning-field.js");
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.setDispatcher(new Echo());
            try (RunningRouter ccr = RunningRouter.start("""
                    {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"],"transformer":{"use":["reasoning-field"]}}],
                     "Router":{"default":"p,m"}, "CUSTOM_ROUTER_PATH": %s, "transformers":[{"path":%s}], "SCRIPT_CONTEXTS": 2}
                    """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), ScriptFiles.json(router), ScriptFiles.json(plugin)));
                 ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    String body = "{\"model\":\"claude-sonnet-4\",\"max_tokens\":10,\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"req-" + i + "\"}]}";
                    answers.add(clients.submit(() -> ccr.post("/v1/messages", body)));
                }
                for (int i = 0; i < REQUESTS; i++) {
                    HttpResponse<String> response = answers.get(i).get(60, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
                    assertThat(response.body()).as("request %d", i)
                            .contains("\"thinking\":\"r-" + i + "\"")
                            .contains("\"text\":\"req-" + i + "\"")
                            .contains("\"text\":\" via " + (i % 2 == 0 ? "m2" : "m") + "\"")
                            .contains("event: message_stop");
                }
            }
        }
    }
}
