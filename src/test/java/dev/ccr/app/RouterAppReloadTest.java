package dev.ccr.app;

import dev.ccr.config.ConfigException;
import dev.ccr.testing.ControlledSseUpstream;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A running router swaps the runtime a config builds: parse, validate, build, swap; the old one stays on failure. */
class RouterAppReloadTest {
    private static final String REQUEST = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String COMPLETION = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}";

    private static final String STREAM_REQUEST = "{\"model\":\"x\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String twoProviders(MockWebServer a, MockWebServer b, String defaultRoute) {
        return twoProviders(Upstreams.url(a, "/v1/chat/completions"), b, defaultRoute);
    }

    private static String twoProviders(String a, MockWebServer b, String defaultRoute) {
        return """
                {"Providers":[{"name":"a","api_base_url":"%s","api_key":"k","models":["ma"]},
                              {"name":"b","api_base_url":"%s","api_key":"k","models":["mb"]}],
                 "Router":{"default":"%s"}}
                """.formatted(a, Upstreams.url(b, "/v1/chat/completions"), defaultRoute);
    }

    @Test
    void theNextRequestFollowsTheReloadedConfig() throws Exception {
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a, b, "a,ma"))) {
            a.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION.formatted("from a")).build());
            b.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION.formatted("from b")).build());
            assertThat(router.post("/v1/messages", REQUEST).body()).contains("from a");

            Files.writeString(router.configFile(), twoProviders(a, b, "b,mb"));
            router.app().reload();

            assertThat(router.app().runtime().config().router().defaultRoute()).contains("b,mb");
            assertThat(router.post("/v1/messages", REQUEST).body()).contains("from b");
            assertThat(b.takeRequest().getBody().utf8()).contains("\"model\":\"mb\"");
        }
    }

    @Test
    void aConfigThatDoesNotValidateLeavesTheRunningOneInPlace() throws Exception {
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a, b, "a,ma"))) {
            Runtime before = router.app().runtime();
            Files.writeString(router.configFile(), "{\"Providers\": [{\"name\": \"a\", oops");

            assertThatThrownBy(() -> router.app().reload()).isInstanceOf(ConfigException.class);

            assertThat(router.app().runtime()).isSameAs(before);
            a.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION.formatted("still a")).build());
            assertThat(router.post("/v1/messages", REQUEST).body()).contains("still a");
        }
    }

    @Test
    void settingsOpenedAtStartAreNamedForARestartAndTheRestApplies() throws Exception {
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a, b, "a,ma"))) {
            String next = twoProviders(a, b, "b,mb").replaceFirst("\\{", "{\"APIKEY\": \"new-key\", \"LOG_LEVEL\": \"warn\", ");
            Files.writeString(router.configFile(), next);

            assertThat(router.app().reload()).containsExactly("APIKEY", "LOG and LOG_LEVEL");
            assertThat(router.app().runtime().config().router().defaultRoute()).contains("b,mb");
            b.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION.formatted("from b")).build());
            assertThat(router.post("/v1/messages", REQUEST).body()).as("a server started without a key keeps answering without one until it restarts")
                    .contains("from b");
        }
    }

    @Test
    void breakersCarryOverWhenTheResilienceSettingsDidNotChange() throws Exception {
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a, b, "a,ma"))) {
            Runtime before = router.app().runtime();
            Files.writeString(router.configFile(), twoProviders(a, b, "b,mb"));
            router.app().reload();

            assertThat(router.app().runtime()).isNotSameAs(before);
            assertThat(router.app().runtime().resilience()).isSameAs(before.resilience());
        }
    }


    @Test
    void twentyStreamsInFlightFinishOnTheRuntimeTheyStartedOnWhileNewRequestsUseTheNewOne() throws Exception {
        String first = "data: {\"model\":\"ma\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n";
        String rest = "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        try (ControlledSseUpstream a = ControlledSseUpstream.stepped(first, rest); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a.url("/v1/chat/completions"), b, "a,ma"));
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<InputStream>>> streams = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                streams.add(clients.submit(() -> router.postStreaming("/v1/messages", STREAM_REQUEST)));
            }
            for (Future<HttpResponse<InputStream>> stream : streams) { // each has its answer's head: it is in flight
                assertThat(stream.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }

            Files.writeString(router.configFile(), twoProviders(a.url("/v1/chat/completions"), b, "b,mb"));
            router.app().reload();
            b.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION.formatted("from b")).build());
            assertThat(router.post("/v1/messages", REQUEST).body()).contains("from b");

            a.releaseRest();
            for (Future<HttpResponse<InputStream>> stream : streams) {
                String body = new String(stream.get().body().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(body).contains("\"text\":\"Hi\"").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
            }
        }
    }

    @Test
    void aFileWrittenByAnEditorIsAppliedAndABrokenOneIsNot() throws Exception {
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a, b, "a,ma"))) {
            Files.writeString(router.configFile(), twoProviders(a, b, "b,mb"));
            awaitDefaultRoute(router, "b,mb");

            Runtime applied = router.app().runtime();
            Files.writeString(router.configFile(), "{\"Router\": {\"default\": 42}, oops");
            Thread.sleep(1_000); // the watcher settles for 150 ms; a refused file must change nothing in this time
            assertThat(router.app().runtime()).isSameAs(applied);
        }
    }

    @Test
    void eachSessionsLastUsageOutlivesAReload() throws Exception {
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a, b, "a,ma"))) {
            a.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .body(COMPLETION.formatted("long").replace("\"prompt_tokens\":1", "\"prompt_tokens\":70000")).build());
            assertThat(router.post("/v1/messages", REQUEST, "x-claude-code-session-id", "S1").statusCode()).isEqualTo(200);

            Files.writeString(router.configFile(), twoProviders(a, b, "a,ma").replace("\"Router\":{", "\"Router\":{\"longContext\":\"b,mb\","));
            router.app().reload();

            String longRequest = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"a" + " a".repeat(25_000) + "\"}]}";
            String explained = router.post("/api/route/explain", longRequest, "x-claude-code-session-id", "S1").body();
            assertThat(explained).contains("\"scenario\":\"longContext\"");
        }
    }

    private static void awaitDefaultRoute(RunningRouter router, String route) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!router.app().runtime().config().router().defaultRoute().orElse("").equals(route)) {
            assertThat(System.nanoTime()).as("the watcher applied the file within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
