package dev.ccr.e2e.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the real clients sent through their ccr launchers (captured with bench/clients-check.sh's setup, kept in
 * {@code src/test/resources/clients/}), replayed against a real ccr whose provider speaks OpenAI chat: each one that
 * worked with the real client still reaches the provider with its tool round trip intact and is answered in the
 * client's dialect, and Codex's responses-lite request, the reason {@code ccr codex} names its model, is refused.
 */
class ClientRequestShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_STREAM = """
            data: {"id":"c","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"tool said: tok"}}]}

            data: {"id":"c","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: {"id":"c","model":"m","choices":[],"usage":{"prompt_tokens":100,"completion_tokens":10,"total_tokens":110}}

            data: [DONE]

            """;

    private MockWebServer provider;
    private RunningRouter router;

    @BeforeEach
    void start() {
        provider = Upstreams.mock();
        router = RunningRouter.start("""
                {"APIKEY":"test",
                 "Providers":[{"name":"mock","api_base_url":"%s","api_key":"k","models":["mock-model"]}],
                 "Router":{"default":"mock,mock-model","background":"mock,mock-model"}}"""
                .formatted(Upstreams.url(provider, "/v1/chat/completions")));
    }

    @AfterEach
    void stop() {
        router.close();
        provider.close();
    }

    @Test
    void codexsShellRoundTripReachesTheProviderAndStreamsBackAsResponsesEvents() throws Exception {
        provider.enqueue(chatStream());

        String answer = replay("codex-tool-round-trip", "authorization", "Bearer test");

        assertThat(answer).contains("event: response.output_text.delta", "tool said: tok", "event: response.completed");
        JsonNode sent = sentToProvider();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(toolNames(sent)).contains("exec_command", "write_stdin");
        assertThat(roles(sent)).endsWith("assistant", "tool");
        JsonNode call = sent.at("/messages").get(sent.at("/messages").size() - 2).at("/tool_calls/0");
        assertThat(call.at("/function/name").asText()).isEqualTo("exec_command");
        assertThat(sent.at("/messages").get(sent.at("/messages").size() - 1).path("tool_call_id").asText())
                .isEqualTo(call.path("id").asText());
    }

    @Test
    void codexsResponsesLiteRequestIsRefusedWithAResponsesError() throws Exception {
        HttpResponse<String> answer = router.post("/v1/responses", fixture("codex-responses-lite").path("body").toString(),
                "content-type", "application/json", "authorization", "Bearer test");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).at("/error/message").asText()).contains("additional_tools");
        assertThat(provider.getRequestCount()).isZero();
    }

    @Test
    void geminiClisModelClassifierGetsStructuredOutputFromTheProvider() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                {"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant",
                 "content":"{\\"complexity_reasoning\\":\\"x\\",\\"complexity_score\\":10}"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""").build());

        String answer = replay("gemini-classifier", "x-goog-api-key", "test");

        assertThat(JSON.readTree(answer).at("/candidates/0/content/parts/0/text").asText()).contains("complexity_score");
        JsonNode sent = sentToProvider();
        assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_schema");
    }

    @Test
    void geminiClisShellRoundTripReachesTheProviderAndStreamsBackAsGeminiEvents() throws Exception {
        provider.enqueue(chatStream());

        String answer = replay("gemini-tool-round-trip", "x-goog-api-key", "test");

        assertThat(answer).contains("data: {", "tool said: tok", "\"finishReason\":\"STOP\"");
        JsonNode sent = sentToProvider();
        assertThat(toolNames(sent)).contains("run_shell_command");
        assertThat(roles(sent)).endsWith("assistant", "tool");
    }

    @Test
    void openCodesShellRoundTripReachesTheProviderAndStreamsBackAsChatChunks() throws Exception {
        provider.enqueue(chatStream());

        String answer = replay("opencode-tool-round-trip", "authorization", "Bearer test");

        assertThat(answer).contains("tool said: tok", "\"finish_reason\":\"stop\"", "data: [DONE]");
        JsonNode sent = sentToProvider();
        assertThat(toolNames(sent)).contains("bash", "read");
        assertThat(roles(sent)).endsWith("assistant", "tool");
    }

    private static MockResponse chatStream() {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(CHAT_STREAM).build();
    }

    /** Sends a captured request with its recorded headers and the given key header; returns the whole answer. */
    private String replay(String name, String keyHeader, String keyValue) throws Exception {
        JsonNode captured = fixture(name);
        List<String> headers = new ArrayList<>(List.of(keyHeader, keyValue));
        captured.path("headers").properties().forEach(h -> {
            if (!h.getKey().equals("user-agent")) {
                headers.add(h.getKey());
                headers.add(h.getValue().asText());
            }
        });
        HttpResponse<InputStream> answer = router.postStreaming(captured.path("path").asText(),
                captured.path("body").toString(), headers.toArray(String[]::new));
        try (InputStream body = answer.body()) {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer.statusCode()).as(text).isEqualTo(200);
            return text;
        }
    }

    private JsonNode sentToProvider() throws Exception {
        RecordedRequest sent = provider.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent).isNotNull();
        return JSON.readTree(sent.getBody().utf8());
    }

    private static JsonNode fixture(String name) throws Exception {
        try (InputStream in = ClientRequestShapesTest.class.getResourceAsStream("/clients/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }

    private static List<String> toolNames(JsonNode chat) {
        List<String> names = new ArrayList<>();
        chat.path("tools").forEach(t -> names.add(t.at("/function/name").asText()));
        return names;
    }

    private static List<String> roles(JsonNode chat) {
        List<String> roles = new ArrayList<>();
        chat.path("messages").forEach(m -> roles.add(m.path("role").asText()));
        return roles;
    }
}
