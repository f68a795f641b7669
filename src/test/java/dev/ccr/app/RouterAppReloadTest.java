package dev.ccr.app;

import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigStore;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A running router swaps the runtime a config builds: parse, validate, build, swap; the old one stays on failure. */
class RouterAppReloadTest {
    private static final String REQUEST = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String COMPLETION = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}";

    private static String twoProviders(MockWebServer a, MockWebServer b, String defaultRoute) {
        return """
                {"Providers":[{"name":"a","api_base_url":"%s","api_key":"k","models":["ma"]},
                              {"name":"b","api_base_url":"%s","api_key":"k","models":["mb"]}],
                 "Router":{"default":"%s"}}
                """.formatted(Upstreams.url(a, "/v1/chat/completions"), Upstreams.url(b, "/v1/chat/completions"), defaultRoute);
    }

    @Test
    void theNextRequestFollowsTheReloadedConfig() throws Exception {
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a, b, "a,ma"))) {
            a.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION.formatted("from a")).build());
            b.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION.formatted("from b")).build());
            assertThat(router.post("/v1/messages", REQUEST).body()).contains("from a");

            Files.writeString(router.configFile(), twoProviders(a, b, "b,mb"));
            router.app().reload(store(router));

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
            Files.writeString(router.configFile(), "{\"Providers\": [{\"name\": \"a\"}], \"Router\": {\"default\": 42}}");

            assertThatThrownBy(() -> router.app().reload(store(router))).isInstanceOf(ConfigException.class);

            assertThat(router.app().runtime()).isSameAs(before);
            a.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(COMPLETION.formatted("still a")).build());
            assertThat(router.post("/v1/messages", REQUEST).body()).contains("still a");
        }
    }

    @Test
    void breakersCarryOverWhenTheResilienceSettingsDidNotChange() throws Exception {
        try (MockWebServer a = Upstreams.mock(); MockWebServer b = Upstreams.mock();
             RunningRouter router = RunningRouter.start(twoProviders(a, b, "a,ma"))) {
            Runtime before = router.app().runtime();
            Files.writeString(router.configFile(), twoProviders(a, b, "b,mb"));
            router.app().reload(store(router));

            assertThat(router.app().runtime()).isNotSameAs(before);
            assertThat(router.app().runtime().resilience()).isSameAs(before.resilience());
        }
    }

    private static ConfigStore store(RunningRouter router) {
        return new ConfigStore(router.configFile(), Map.of(), Clock.systemUTC());
    }
}
