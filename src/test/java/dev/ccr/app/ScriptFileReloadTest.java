package dev.ccr.app;

import dev.ccr.testing.LogCapture;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running router follows its scripts' files: an edit of the custom router or of a plugin serves the next request
 * without a restart, a broken edit is refused with a log line and the running script stays, and a script that a
 * reloaded config names for the first time runs (and is watched) too.
 */
class ScriptFileReloadTest {
    private static final String REQUEST = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String router(String target) {
        return "module.exports = async function router(req, config) { return '" + target + "'; };\n";
    }

    private static String plugin(String tag) {
        return """
                module.exports = class {
                  constructor() { this.name = 'tag'; }
                  async transformRequestIn(body) { body.metadata = { user_id: '%s' }; return body; }
                };
                """.formatted(tag);
    }

    private static String config(MockWebServer a, MockWebServer b, String scripts) {
        return """
                {"Providers":[{"name":"a","api_base_url":"%s","api_key":"k","models":["ma"],"transformer":{"use":["tag"]}},
                              {"name":"b","api_base_url":"%s","api_key":"k","models":["mb"]}],
                 "Router":{"default":"a,ma"}%s}
                """.formatted(Upstreams.url(a, "/v1/chat/completions"), Upstreams.url(b, "/v1/chat/completions"), scripts);
    }

    /** Answers every request with a completion that names {@code who}, so a test may send as many as it needs. */
    private static MockWebServer answering(String who) {
        MockWebServer server = Upstreams.mock();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                        .body("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"from " + who + "\"},"
                                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}")
                        .build();
            }
        });
        return server;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String answer(RunningRouter router) {
        return router.post("/v1/messages", REQUEST).body();
    }

    /* --------------- The custom router --------------- */

    @Test
    void aRewrittenCustomRouterRoutesTheNextRequests() throws Exception {
        Path script = ScriptFiles.write("router.js", router("a,ma"));
        try (MockWebServer a = answering("a"); MockWebServer b = answering("b");
             RunningRouter router = RunningRouter.start(config(a, b, ",\"CUSTOM_ROUTER_PATH\":" + ScriptFiles.json(script)))) {
            assertThat(answer(router)).contains("from a");

            Files.writeString(script, router("b,mb"));

            await("the edited router routes to b", () -> answer(router).contains("from b"));
            assertThat(answer(router)).contains("from b");
        }
    }

    @Test
    void aBrokenRewriteOfTheCustomRouterIsRefusedAndTheRunningOneStays() throws Exception {
        Path script = ScriptFiles.write("router.js", router("b,mb"));
        try (MockWebServer a = answering("a"); MockWebServer b = answering("b");
             RunningRouter router = RunningRouter.start(config(a, b, ",\"CUSTOM_ROUTER_PATH\":" + ScriptFiles.json(script)));
             LogCapture log = LogCapture.of("dev.ccr.script")) {
            assertThat(answer(router)).contains("from b");

            Files.writeString(script, "module.exports = async function router(req) { return 'a,ma' ;; oops(");

            await("the refusal is logged", () -> log.text().contains("The changed custom router " + script + " is refused"));
            assertThat(log.lines()).filteredOn(line -> line.contains("is refused")).hasSize(1)
                    .allMatch(line -> line.startsWith("ERROR") && line.contains("SyntaxError") && line.contains("the running one stays")
                            && !line.contains("\n"));
            assertThat(answer(router)).as("the router loaded before still routes").contains("from b");

            Files.writeString(script, router("a,ma"));
            await("a good edit after the broken one applies", () -> answer(router).contains("from a"));
        }
    }

    /* --------------- Plugins --------------- */

    @Test
    void aRewrittenPluginTransformsTheNextRequestsAndABrokenRewriteIsRefused() throws Exception {
        Path script = ScriptFiles.write("tag.js", plugin("v1"));
        try (MockWebServer a = answering("a"); MockWebServer b = answering("b");
             RunningRouter router = RunningRouter.start(config(a, b, ",\"transformers\":[{\"path\":" + ScriptFiles.json(script) + "}]"));
             LogCapture log = LogCapture.of("dev.ccr.script")) {
            answer(router);
            assertThat(a.takeRequest().getBody().utf8()).contains("\"user_id\":\"v1\"");

            Files.writeString(script, plugin("v2"));
            await("the edited plugin tags v2", () -> {
                answer(router);
                return takeBody(a).contains("\"user_id\":\"v2\"");
            });

            Files.writeString(script, "module.exports = class { constructor() { throw new Error('half-written'); } };");
            await("the refusal is logged", () -> log.text().contains("The changed plugin " + script + " is refused"));
            answer(router);
            assertThat(takeBody(a)).as("the plugin loaded before still runs").contains("\"user_id\":\"v2\"");
        }
    }

    @Test
    void aRequestInFlightFinishesOnThePluginItStartedWith() throws Exception {
        Path script = ScriptFiles.write("tag.js", markingPlugin("v1"));
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = answering("b");
             RunningRouter router = RunningRouter.start(config(a, b, ",\"transformers\":[{\"path\":" + ScriptFiles.json(script) + "}]"));
             LogCapture log = LogCapture.of("dev.ccr.script")) {
            AtomicInteger requests = new AtomicInteger();
            a.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    if (requests.incrementAndGet() == 1) {
                        arrived.countDown();
                        release.await(20, TimeUnit.SECONDS);
                    }
                    return new MockResponse.Builder().addHeader("Content-Type", "application/json")
                            .body("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"from a\"},"
                                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}")
                            .build();
                }
            });
            // 1. A request passes the plugin's request half and waits at the provider.
            CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> answer(router));
            assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();
            // 2. The plugin is rewritten and reloaded meanwhile.
            Files.writeString(script, markingPlugin("v2"));
            await("the reload is logged", () -> log.text().contains("Reloaded plugin 'tag'"));
            // 3. The next request runs the new plugin; the one in flight finishes its response half on the old one.
            assertThat(answer(router)).contains("from a via v2");
            release.countDown();
            assertThat(inFlight.get(20, TimeUnit.SECONDS)).contains("from a via v1");
        }
    }

    /** A plugin whose response half marks the answer's text with {@code tag}. */
    private static String markingPlugin(String tag) {
        return """
                module.exports = class {
                  constructor() { this.name = 'tag'; }
                  async transformResponseOut(response) {
                    const json = await response.json();
                    json.choices[0].message.content += ' via %s';
                    return new Response(JSON.stringify(json), { status: 200, headers: { 'Content-Type': 'application/json' } });
                  }
                };
                """.formatted(tag);
    }

    private static String takeBody(MockWebServer server) {
        try {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            return request == null ? "" : request.getBody().utf8();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /* --------------- Scripts a reloaded config names --------------- */

    @Test
    void aCustomRouterFirstNamedByAReloadedConfigRunsAndIsWatched() throws Exception {
        Path script = ScriptFiles.write("router.js", router("b,mb"));
        try (MockWebServer a = answering("a"); MockWebServer b = answering("b");
             RunningRouter router = RunningRouter.start(config(a, b, ""))) {
            assertThat(answer(router)).contains("from a");

            Files.writeString(router.configFile(), config(a, b, ",\"CUSTOM_ROUTER_PATH\":" + ScriptFiles.json(script)));
            assertThat(router.app().reload()).as("scripts apply without a restart").isEmpty();
            assertThat(answer(router)).contains("from b");

            Files.writeString(script, router("a,ma"));
            await("the new router's file is watched", () -> answer(router).contains("from a"));
        }
    }
}
