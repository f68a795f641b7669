package dev.ccr.acceptance.presets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.cli.CliTestHome;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A preset {@code presets/foo} with its own providers and {@code Router.default: "p,m2"} is served
 * at {@code /preset/foo/v1/messages} and routes to {@code m2}, while {@code /v1/messages} keeps the global Router;
 * the namespace sees only the preset's own providers.
 */
@Tag("ccr-11.72")
class PresetNamespaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETION = """
            {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":2}}""";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void thePresetNamespaceUsesThePresetsRouterAndTheRootKeepsTheGlobalOne() throws Exception {
        int port = CliTestHome.freePort();
        try (MockWebServer upstream = Upstreams.mock(); CliTestHome home = CliTestHome.create()) {
            String url = Upstreams.url(upstream, "/v1/chat/completions");
            home.config("""
                    {"PORT": %d, "Providers": [{"name": "p", "api_base_url": "%s", "api_key": "k", "models": ["m", "m2"]}],
                     "Router": {"default": "p,m"}}""".formatted(port, url));
            writePreset(home, "foo", """
                    {"name": "foo", "version": "1.0.0",
                     "Providers": [{"name": "p", "api_base_url": "%s", "api_key": "preset-key", "models": ["m", "m2"]}],
                     "Router": {"default": "p,m2"}}""".formatted(url));
            home.startForeground(port);

            upstream.enqueue(json(COMPLETION));
            assertThat(post(port, "/preset/foo/v1/messages").statusCode()).isEqualTo(200);
            var presetCall = upstream.takeRequest();
            assertThat(JSON.readTree(presetCall.getBody().utf8()).path("model").asText()).isEqualTo("m2");
            assertThat(presetCall.getHeaders().get("Authorization")).isEqualTo("Bearer preset-key");

            upstream.enqueue(json(COMPLETION));
            assertThat(post(port, "/v1/messages").statusCode()).isEqualTo(200);
            var rootCall = upstream.takeRequest();
            assertThat(JSON.readTree(rootCall.getBody().utf8()).path("model").asText()).isEqualTo("m");
            assertThat(rootCall.getHeaders().get("Authorization")).isEqualTo("Bearer k");

            HttpResponse<String> tokens = CLIENT.send(request(port, "/preset/foo/v1/messages/count_tokens",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}"), HttpResponse.BodyHandlers.ofString());
            assertThat(tokens.body()).isEqualTo("{\"input_tokens\":2}");
        }
    }

    @Test
    void theNamespaceSeesOnlyThePresetsProvidersAndUnknownPresetsAre404() throws Exception {
        int port = CliTestHome.freePort();
        try (MockWebServer upstream = Upstreams.mock(); CliTestHome home = CliTestHome.create()) {
            String url = Upstreams.url(upstream, "/v1/chat/completions");
            home.config("""
                    {"PORT": %d, "Providers": [{"name": "p", "api_base_url": "%s", "api_key": "k", "models": ["m"]}],
                     "Router": {"default": "p,m"}}""".formatted(port, url));
            writePreset(home, "only-q", """
                    {"name": "only-q", "Providers": [{"name": "q", "api_base_url": "%s", "api_key": "$Q_KEY", "models": ["x"]}],
                     "Router": {"default": "q,x"}}""".formatted(url));
            home.env("Q_KEY", "from-env");
            home.startForeground(port);

            HttpResponse<String> global = CLIENT.send(request(port, "/preset/only-q/v1/messages",
                    "{\"model\":\"p,m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), HttpResponse.BodyHandlers.ofString());
            assertThat(global.statusCode()).isEqualTo(404);
            assertThat(global.body()).contains("Provider 'p' not found");

            upstream.enqueue(json(COMPLETION));
            assertThat(post(port, "/preset/only-q/v1/messages").statusCode()).isEqualTo(200);
            assertThat(upstream.takeRequest().getHeaders().get("Authorization")).as("$VARs are expanded in presets").isEqualTo("Bearer from-env");

            assertThat(post(port, "/preset/nope/v1/messages").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aPresetInstalledWhileTheRouterRunsIsServedWithoutARestart() throws Exception {
        int port = CliTestHome.freePort();
        try (MockWebServer upstream = Upstreams.mock(); CliTestHome home = CliTestHome.create()) {
            String url = Upstreams.url(upstream, "/v1/chat/completions");
            home.config("{\"PORT\": %d, \"Providers\": [], \"Router\": {}}".formatted(port));
            home.startForeground(port);
            assertThat(post(port, "/preset/late/v1/messages").statusCode()).isEqualTo(404);

            writePreset(home, "late", """
                    {"Providers": [{"name": "p", "api_base_url": "%s", "api_key": "k", "models": ["m"]}], "Router": {"default": "p,m"}}"""
                    .formatted(url));
            upstream.enqueue(json(COMPLETION));
            assertThat(post(port, "/preset/late/v1/messages").statusCode()).isEqualTo(200);
        }
    }

    private static void writePreset(CliTestHome home, String name, String manifest) throws Exception {
        Path dir = home.presets().resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), manifest);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    private static HttpResponse<String> post(int port, String path) throws Exception {
        return CLIENT.send(request(port, path, "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(int port, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
