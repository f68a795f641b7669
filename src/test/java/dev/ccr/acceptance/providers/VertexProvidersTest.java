package dev.ccr.acceptance.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.GoogleTestKey;
import dev.ccr.testing.LogCapture;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.SseText;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in {@code vertex-gemini}, {@code vertex-claude} and {@code vertex-openai} end to end: a service-account key
 * made in the test, MockWebServers posing as Google's token endpoint and as Vertex AI, and Claude Code's requests
 * through a running ccr, streaming and not.
 */
class VertexProvidersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAUDE_CODE_REQUEST = """
            {"model":"claude-sonnet-4-5","max_tokens":1000,"stream":%s,
             "system":[{"type":"text","text":"You are Claude Code."}],
             "messages":[{"role":"user","content":"Read /tmp/a.txt"}]}""";

    @TempDir
    Path dir;
    private final GoogleTestKey key = new GoogleTestKey();
    private final MockWebServer vertex = Upstreams.mock();

    @AfterEach
    void stop() throws Exception {
        vertex.close();
        key.close();
    }

    private String provider(String name, String transformer, String options, String model) {
        return """
                {"Providers":[{"name":"%s","api_base_url":"%s","api_key":"","models":["%s"],
                   "transformer":{"use":[["%s",%s]]}}],
                 "Router":{"default":"%s,%s"}}""".formatted(name, Upstreams.url(vertex, "/"), model, transformer, options, name, model);
    }

    private String keyFileOptions(String extra) {
        return "{\"keyFile\":\"" + key.writeKeyFile(dir, true) + "\"" + extra + "}";
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    private static List<SseText.Event> events(HttpResponse<String> response) {
        return SseText.jsonEvents(response.body()).stream().filter(e -> !e.name().equals("ping")).toList();
    }

    private static List<String> names(List<SseText.Event> events) {
        return events.stream().map(SseText.Event::name).toList();
    }

    /* --------------- vertex-gemini --------------- */

    @Test
    void geminiStreamGoesToTheRegionalStreamGenerateContentWithATokenMintedFromTheKeyFile() throws Exception {
        try (RunningRouter router = RunningRouter.start(provider("vg", "vertex-gemini",
                keyFileOptions(",\"location\":\"europe-west4\""), "gemini-2.5-pro"))) {
            vertex.enqueue(sse("""
                    data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Reading"}]}}],"modelVersion":"gemini-2.5-pro"}

                    data: {"candidates":[{"content":{"role":"model","parts":[{"text":" it."}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":3}}

                    """));

            HttpResponse<String> response = router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(true));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            RecordedRequest sent = vertex.takeRequest();
            assertThat(sent.getTarget()).isEqualTo("/v1/projects/test-project/locations/europe-west4/publishers/google/models/"
                    + "gemini-2.5-pro:streamGenerateContent?alt=sse");
            assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            assertThat(sent.getHeaders().get("x-goog-api-key")).isNull();
            JsonNode body = JSON.readTree(sent.getBody().utf8());
            assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("Read /tmp/a.txt");
            assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are Claude Code.");

            List<SseText.Event> events = events(response);
            assertThat(names(events)).containsExactly("message_start", "content_block_start", "content_block_delta",
                    "content_block_delta", "content_block_stop", "message_delta", "message_stop");
            assertThat(events.get(3).data().at("/delta/text").asText()).isEqualTo(" it.");
            assertThat(events.get(5).data().at("/usage/output_tokens").asInt()).isEqualTo(3);

            // The token endpoint got one JWT bearer grant, signed with the key, for the cloud-platform scope.
            assertThat(key.minted()).isEqualTo(1);
            JsonNode claims = key.claims().getFirst();
            assertThat(claims.get("iss").asText()).isEqualTo(GoogleTestKey.CLIENT_EMAIL);
            assertThat(claims.get("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token"); // Google's audience, wherever the endpoint is
            assertThat(claims.get("scope").asText()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
        }
    }

    @Test
    void geminiJsonAnswerComesBackAsAMessageAndTheTokenIsReusedUntilNearExpiry() throws Exception {
        try (RunningRouter router = RunningRouter.start(provider("vg", "vertex-gemini", keyFileOptions(""), "gemini-2.5-flash"))) {
            String answer = """
                    {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]},"finishReason":"STOP"}],
                     "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1},"modelVersion":"gemini-2.5-flash"}""";
            vertex.enqueue(json(answer));
            vertex.enqueue(json(answer));

            HttpResponse<String> first = router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false));
            HttpResponse<String> second = router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false));

            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode message = JSON.readTree(first.body());
            assertThat(message.at("/content/0/text").asText()).isEqualTo("Hello");
            assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(3);
            assertThat(second.statusCode()).isEqualTo(200);
            RecordedRequest sent = vertex.takeRequest();
            // no location option and no GOOGLE_CLOUD_LOCATION: CCR's default region
            assertThat(sent.getTarget()).isEqualTo(
                    "/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent");
            assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            assertThat(vertex.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            assertThat(key.minted()).isEqualTo(1);
        }
    }

    @Test
    void aTokenCloseToExpiryIsReplacedBeforeTheNextCall() throws Exception {
        // One minute is inside google-auth-library's refresh margin, so every call needs a fresh token.
        key.expiringIn(60);
        try (RunningRouter router = RunningRouter.start(provider("vg", "vertex-gemini", keyFileOptions(""), "gemini-2.5-flash"))) {
            String answer = """
                    {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]},"finishReason":"STOP"}]}""";
            vertex.enqueue(json(answer));
            vertex.enqueue(json(answer));

            assertThat(router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false)).statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false)).statusCode()).isEqualTo(200);

            assertThat(vertex.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            assertThat(vertex.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-2");
            assertThat(key.minted()).isEqualTo(2);
        }
    }

    /* --------------- vertex-claude --------------- */

    @Test
    void claudeStreamGoesToStreamRawPredictWithTheClientsAnthropicBodyAndComesBackWithSignedThinking() throws Exception {
        String model = "claude-sonnet-4-5@20250929";
        try (RunningRouter router = RunningRouter.start(provider("vc", "vertex-claude", keyFileOptions(""), model))) {
            vertex.enqueue(sse("""
                    event: message_start
                    data: {"type":"message_start","message":{"id":"msg_vrtx_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":30,"cache_read_input_tokens":100,"output_tokens":1}}}

                    event: ping
                    data: {"type":"ping"}

                    event: content_block_start
                    data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

                    event: content_block_delta
                    data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"I should read it."}}

                    event: content_block_delta
                    data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig-abc"}}

                    event: content_block_stop
                    data: {"type":"content_block_stop","index":0}

                    event: content_block_start
                    data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

                    event: content_block_delta
                    data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Reading."}}

                    event: content_block_stop
                    data: {"type":"content_block_stop","index":1}

                    event: content_block_start
                    data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01","name":"Read","input":{}}}

                    event: content_block_delta
                    data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"file_path\\":"}}

                    event: content_block_delta
                    data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\\"/tmp/a.txt\\"}"}}

                    event: content_block_stop
                    data: {"type":"content_block_stop","index":2}

                    event: message_delta
                    data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}

                    event: message_stop
                    data: {"type":"message_stop"}

                    """));

            HttpResponse<String> response = router.post("/v1/messages", """
                    {"model":"claude-sonnet-4-5","max_tokens":1000,"stream":true,
                     "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
                     "thinking":{"type":"enabled","budget_tokens":2000},
                     "context_management":{"edits":[]},
                     "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object",
                        "properties":{"file_path":{"type":"string"}},"required":["file_path"]}}],
                     "messages":[{"role":"user","content":"Read /tmp/a.txt"}]}""",
                    "anthropic-beta", "interleaved-thinking-2025-05-14,context-management-2025-06-27");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            RecordedRequest sent = vertex.takeRequest();
            assertThat(sent.getTarget()).isEqualTo("/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/"
                    + model + ":streamRawPredict");
            assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            assertThat(sent.getHeaders().get("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
            JsonNode body = JSON.readTree(sent.getBody().utf8());
            assertThat(body.has("model")).isFalse();
            assertThat(body.get("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
            assertThat(body.get("stream").asBoolean()).isTrue();
            assertThat(body.has("context_management")).isFalse();
            // Claude Code's own Anthropic body, not one rebuilt from OpenAI chat
            assertThat(body.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
            assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(2000);
            assertThat(body.at("/tools/0/input_schema/required/0").asText()).isEqualTo("file_path");
            assertThat(body.at("/messages/0/content").asText()).isEqualTo("Read /tmp/a.txt");

            List<SseText.Event> events = events(response);
            List<JsonNode> starts = events.stream().filter(e -> e.name().equals("content_block_start"))
                    .map(e -> e.data().get("content_block")).toList();
            assertThat(starts).extracting(b -> b.get("type").asText()).containsExactly("thinking", "text", "tool_use");
            assertThat(starts.get(2).get("id").asText()).isEqualTo("toolu_01");
            assertThat(starts.get(2).get("name").asText()).isEqualTo("Read");
            List<JsonNode> deltas = events.stream().filter(e -> e.name().equals("content_block_delta"))
                    .map(e -> e.data().get("delta")).toList();
            assertThat(deltas).anySatisfy(d -> assertThat(d.path("thinking").asText()).isEqualTo("I should read it."));
            assertThat(deltas).anySatisfy(d -> assertThat(d.path("signature").asText()).isEqualTo("sig-abc"));
            assertThat(deltas).anySatisfy(d -> assertThat(d.path("text").asText()).isEqualTo("Reading."));
            String arguments = deltas.stream().filter(d -> d.has("partial_json")).map(d -> d.get("partial_json").asText())
                    .reduce("", String::concat);
            assertThat(JSON.readTree(arguments).get("file_path").asText()).isEqualTo("/tmp/a.txt");
            JsonNode messageDelta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst().orElseThrow().data();
            assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
            assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(42);
            assertThat(messageDelta.at("/usage/input_tokens").asInt()).isEqualTo(30);
            assertThat(messageDelta.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(100);
        }
    }

    @Test
    void claudeJsonGoesToRawPredictAndItsAnswerComesBackAsAMessage() throws Exception {
        try (RunningRouter router = RunningRouter.start(provider("vc", "vertex-claude",
                keyFileOptions(",\"project\":\"other-project\",\"location\":\"global\""), "claude-opus-4-1"))) {
            vertex.enqueue(json("""
                    {"id":"msg_vrtx_2","type":"message","role":"assistant","model":"claude-opus-4-1",
                     "content":[{"type":"thinking","thinking":"Easy.","signature":"sig-2"},{"type":"text","text":"Hi there"},
                                {"type":"tool_use","id":"toolu_02","name":"Read","input":{"file_path":"/tmp/b.txt"}}],
                     "stop_reason":"tool_use","usage":{"input_tokens":12,"output_tokens":7}}"""));

            HttpResponse<String> response = router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            RecordedRequest sent = vertex.takeRequest();
            // options win over the key's project
            assertThat(sent.getTarget()).isEqualTo(
                    "/v1/projects/other-project/locations/global/publishers/anthropic/models/claude-opus-4-1:rawPredict");
            JsonNode body = JSON.readTree(sent.getBody().utf8());
            assertThat(body.get("stream").asBoolean()).isFalse();
            assertThat(body.get("max_tokens").asInt()).isEqualTo(1000);

            JsonNode message = JSON.readTree(response.body());
            assertThat(message.at("/content/0/type").asText()).isEqualTo("thinking");
            assertThat(message.at("/content/0/signature").asText()).isEqualTo("sig-2");
            assertThat(message.at("/content/1/text").asText()).isEqualTo("Hi there");
            assertThat(message.at("/content/2/id").asText()).isEqualTo("toolu_02");
            assertThat(message.at("/content/2/input/file_path").asText()).isEqualTo("/tmp/b.txt");
            assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
            assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(12);
            assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(7);
        }
    }

    /* --------------- vertex-openai --------------- */

    /** CCR's form: the endpoint as api_base_url, the service account inline (private_key with escaped newlines). */
    private String ccrOpenAiConfig() throws Exception {
        String endpoint = Upstreams.url(vertex, "/v1/projects/p1/locations/us-central1/endpoints/openapi/chat/completions");
        String options = JSON.createObjectNode()
                .put("client_email", GoogleTestKey.CLIENT_EMAIL)
                .put("private_key", key.privateKeyPem().replace("\n", "\\n"))
                .put("token_uri", key.tokenUri()).toString();
        return """
                {"Providers":[{"name":"vo","api_base_url":"%s","api_key":"unused","models":["google/gemini-2.5-pro"],
                   "transformer":{"use":[["vertex-openai",%s]]}}],
                 "Router":{"default":"vo,google/gemini-2.5-pro"}}""".formatted(endpoint, options);
    }

    @Test
    void openAiStreamGoesToTheConfiguredEndpointWithATokenFromTheInlineServiceAccount() throws Exception {
        try (RunningRouter router = RunningRouter.start(ccrOpenAiConfig())) {
            vertex.enqueue(sse("""
                    data: {"id":"c1","object":"chat.completion.chunk","model":"google/gemini-2.5-pro","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}

                    data: {"id":"c1","object":"chat.completion.chunk","model":"google/gemini-2.5-pro","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":2}}

                    data: [DONE]

                    """));

            HttpResponse<String> response = router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(true));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            RecordedRequest sent = vertex.takeRequest();
            assertThat(sent.getTarget()).isEqualTo("/v1/projects/p1/locations/us-central1/endpoints/openapi/chat/completions");
            assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            JsonNode body = JSON.readTree(sent.getBody().utf8());
            assertThat(body.get("model").asText()).isEqualTo("google/gemini-2.5-pro");
            assertThat(body.at("/messages/1/content").asText()).isEqualTo("Read /tmp/a.txt");

            List<SseText.Event> events = events(response);
            String text = events.stream().filter(e -> e.name().equals("content_block_delta"))
                    .map(e -> e.data().at("/delta/text").asText()).reduce("", String::concat);
            assertThat(text).isEqualTo("Hello");
            assertThat(key.claims().getFirst().get("iss").asText()).isEqualTo(GoogleTestKey.CLIENT_EMAIL);
        }
    }

    @Test
    void openAiJsonGoesToTheEndpointBuiltFromProjectAndLocation() throws Exception {
        try (RunningRouter router = RunningRouter.start(provider("vo", "vertex-openai",
                keyFileOptions(",\"location\":\"asia-east1\""), "google/gemini-2.5-flash"))) {
            vertex.enqueue(json("""
                    {"id":"c2","object":"chat.completion","model":"google/gemini-2.5-flash",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":5,"completion_tokens":1}}"""));

            HttpResponse<String> response = router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/content/0/text").asText()).isEqualTo("Hi");

            RecordedRequest sent = vertex.takeRequest();
            assertThat(sent.getTarget()).isEqualTo(
                    "/v1/projects/test-project/locations/asia-east1/endpoints/openapi/chat/completions");
            assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
        }
    }

    /* --------------- failures and secrets --------------- */

    @Test
    void aRefusedTokenIsAClearErrorThatHoldsNoSecretAndNothingSecretIsLogged() throws Exception {
        key.refusingWith(400);
        try (LogCapture logs = LogCapture.atDebug(org.slf4j.Logger.ROOT_LOGGER_NAME);
             RunningRouter router = RunningRouter.start(provider("vg", "vertex-gemini", keyFileOptions(""), "gemini-2.5-pro"))) {
            HttpResponse<String> response = router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false));

            assertThat(response.statusCode()).isEqualTo(500);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.get("type").asText()).isEqualTo("error");
            String message = error.at("/error/message").asText();
            assertThat(message).contains("vertex-gemini", "access token", "HTTP 400");
            assertThat(vertex.getRequestCount()).isZero();
            // The endpoint's answer quotes the signed assertion; neither it nor the key may surface anywhere.
            String pemBody = key.privateKeyPem().lines().skip(1).findFirst().orElseThrow();
            for (String output : List.of(response.body(), logs.text())) {
                assertThat(output).doesNotContain("eyJ", "account disabled", pemBody, "PRIVATE KEY");
            }
        }
    }

    @Test
    void unknownTransformerNamesBesideAVertexOneAreStillSkippedWithOneWarning() throws Exception {
        String config = provider("vg", "vertex-gemini", keyFileOptions(""), "gemini-2.5-flash")
                .replace("\"use\":[[", "\"use\":[\"vertex-gemini-typo\",[");
        try (LogCapture logs = LogCapture.of("dev.ccr");
             RunningRouter router = RunningRouter.start(config)) {
            String answer = """
                    {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]},"finishReason":"STOP"}]}""";
            vertex.enqueue(json(answer));
            vertex.enqueue(json(answer));

            assertThat(router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false)).statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages", CLAUDE_CODE_REQUEST.formatted(false)).statusCode()).isEqualTo(200);

            assertThat(logs.lines().stream().filter(l -> l.contains("is unknown and is skipped"))).singleElement()
                    .satisfies(l -> assertThat(l).contains("vertex-gemini-typo"));
            assertThat(vertex.takeRequest().getTarget()).endsWith(":generateContent");
        }
    }
}
