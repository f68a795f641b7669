package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.daemon.Service;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UiAndRouteCommandTest {
    /* --------------- ui --------------- */

    @Test
    void uiStartsTheRouterIfNeededAndOpensTheProviderFormWhenNoProviderIsConfigured() {
        int port = CliTestHome.freePort();
        List<URI> opened = new ArrayList<>();
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port))
                .browser(uri -> opened.add(uri))) {
            CliTestHome.Result result = home.run("ui");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).contains("Service not running, starting service...",
                    "Opening UI at http://127.0.0.1:" + port + "/ui/#/config/provider/new");
            assertThat(opened).containsExactly(URI.create("http://127.0.0.1:" + port + "/ui/#/config/provider/new"));
            assertThat(home.runningPid()).as("the router stays up for the UI").isPresent();
        }
    }

    @Test
    void uiPrintsTheDashboardUrlWhenNoBrowserCanBeOpened() {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config(("{\"PORT\":%d,\"Providers\":[{\"name\":\"p\",\"api_base_url\":"
                + "\"https://p.example/v1/chat/completions\",\"api_key\":\"k\",\"models\":[\"m\"]}],\"Router\":{}}").formatted(port))) {
            home.startForeground(port);

            CliTestHome.Result result = home.run("ui");

            assertThat(result.code()).isZero();
            assertThat(result.out()).isEqualTo("Open the UI in your browser: http://127.0.0.1:" + port + "/ui/\n");
        }
    }

    /* --------------- route --explain --------------- */

    @Test
    void routeExplainPrintsTheDecisionAndEveryRuleInOrder() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("""
                {"Providers":[{"name":"p","api_base_url":"https://p.example/v1/chat/completions","api_key":"k","models":["m","m2"]}],
                 "Router":{"default":"p,m"}}""")) {
            Path request = home.dir().resolve("request.json");
            Files.writeString(request, "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");

            CliTestHome.Result text = home.run("route", "--explain", request.toString());

            assertThat(text.code()).as(text.toString()).isZero();
            assertThat(text.out()).startsWith("target:   p,m\nscenario: default").contains("tokens:   2 (cl100k_base)", "trace:", "→ ");

            CliTestHome.Result json = home.run(new java.io.ByteArrayInputStream(Files.readAllBytes(request)), false,
                    "route", "--explain", "-", "--json");
            JsonNode decision = new ObjectMapper().readTree(json.out());
            assertThat(decision.path("target").asText()).isEqualTo("p,m");
            assertThat(decision.path("tokenCount").asInt()).isEqualTo(2);
            assertThat(decision.path("trace").size()).isPositive();
        }
    }

    @Test
    void routeExplainSaysWhatIsWrongWithTheFile() {
        try (CliTestHome home = CliTestHome.create().config("{}")) {
            assertThat(home.run("route", "--explain", "/no/such/file.json").err()).contains("Cannot read the request in /no/such/file.json");
            assertThat(home.run("route").err()).contains("Missing required option: '--explain=FILE'");
            assertThat(home.run(new java.io.ByteArrayInputStream("[1]".getBytes()), false, "route", "--explain", "-").err())
                    .contains("-: the request must be a JSON object");
        }
    }
}
