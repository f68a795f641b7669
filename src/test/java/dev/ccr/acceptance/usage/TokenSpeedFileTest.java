package dev.ccr.acceptance.usage;

import com.fasterxml.jackson.databind.JsonNode;
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
 * With the token-speed plugin enabled, a streamed answer leaves
 * {@code $TMPDIR/claude-code-router/session-<id>.json} with a numeric {@code tokensPerSecond} and a {@code timestamp}.
 */
@Tag("ccr-11.71")
class TokenSpeedFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tokenSpeedFileAfterAStreamedAnswer() throws Exception {
        int port = CliTestHome.freePort();
        try (MockWebServer upstream = Upstreams.mock(); CliTestHome home = CliTestHome.create()) {
            home.config("""
                    {"PORT": %d, "plugins": [{"name": "token-speed", "enabled": true}],
                     "Providers": [{"name": "p", "api_base_url": "%s", "api_key": "k", "models": ["m"]}],
                     "Router": {"default": "p,m"}}""".formatted(port, Upstreams.url(upstream, "/v1/chat/completions")));
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body("""
                    data: {"id":"c","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}

                    data: {"id":"c","model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

                    data: {"id":"c","model":"m","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":30}}

                    data: [DONE]

                    """).build());
            home.startForeground(port);

            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/messages")).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"claude-sonnet-4","stream":true,"max_tokens":10,
                             "metadata":{"user_id":"user_0abc_account__session_1234abcd-5678-90ef-aaaa-bbbbccccdddd"},
                             "messages":[{"role":"user","content":"hi"}]}""")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            Path file = home.tempDir().resolve("claude-code-router").resolve("session-1234abcd-5678-90ef-aaaa-bbbbccccdddd.json");
            CliTestHome.waitUntil(Duration.ofSeconds(5), () -> Files.exists(file));
            JsonNode record = JSON.readTree(Files.readString(file));
            assertThat(record.path("tokensPerSecond").isNumber()).isTrue();
            assertThat(record.path("tokensPerSecond").asLong()).isPositive();
            assertThat(record.path("timestamp").isNumber()).isTrue();
            assertThat(record.path("tokenCount").asLong()).isEqualTo(30);
            assertThat(record.path("stream").asBoolean()).isTrue();
            assertThat(record.path("timeToFirstToken").asText()).matches("\\d+ms");
            assertThat(record.path("sessionId").asText()).isEqualTo("1234abcd-5678-90ef-aaaa-bbbbccccdddd");
        }
    }

    @Test
    void theJsonUserIdOfNewerClaudeCodeWorksToo() throws Exception {
        int port = CliTestHome.freePort();
        try (MockWebServer upstream = Upstreams.mock(); CliTestHome home = CliTestHome.create()) {
            home.config("""
                    {"PORT": %d, "plugins": [{"name": "token-speed", "enabled": true}],
                     "Providers": [{"name": "p", "api_base_url": "%s", "api_key": "k", "models": ["m"]}],
                     "Router": {"default": "p,m"}}""".formatted(port, Upstreams.url(upstream, "/v1/chat/completions")));
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                    {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":10,"completion_tokens":2}}""").build());
            home.startForeground(port);

            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"x","metadata":{"user_id":"{\\"device_id\\":\\"d\\",\\"session_id\\":\\"0f0f-1e1e\\"}"},
                             "messages":[{"role":"user","content":"hi"}]}""")).build(), HttpResponse.BodyHandlers.ofString());

            Path file = home.tempDir().resolve("claude-code-router").resolve("session-0f0f-1e1e.json");
            CliTestHome.waitUntil(Duration.ofSeconds(5), () -> Files.exists(file));
            assertThat(JSON.readTree(Files.readString(file)).path("stream").asBoolean()).isFalse();
        }
    }
}
