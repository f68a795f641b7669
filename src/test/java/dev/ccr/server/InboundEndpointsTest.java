package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.ControlledSseUpstream;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI and Gemini endpoints as a server: answers converted as they stream (nothing held back), a client that
 * leaves cancels the provider call, each dialect's way of carrying the key, client keys and their limits, and errors
 * in each client's shape, never a stack trace.
 */
class InboundEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-up","usage":{"input_tokens":3,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

            """;
    private static final String REST = """
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

            event: message_stop
            data: {"type":"message_stop"}

            """;
    private static final String CHAT = """
            {"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}""";
    private static final String GEMINI = """
            {"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";
    private static final String ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":7}}""";

    private static String anthropicProvider(String url) {
        return """
                {"Providers":[{"name":"anth","api_base_url":"%s","api_key":"pk","models":["claude-up"],
                  "transformer":{"use":["Anthropic"]}}],"Router":{"default":"anth,claude-up"}}""".formatted(url);
    }

    /* --------------- Streaming --------------- */

    @Test
    void eachConvertedEventReachesTheClientWhileTheProviderIsStillSending() throws Exception {
        try (ControlledSseUpstream upstream = ControlledSseUpstream.stepped(FIRST, REST);
             RunningRouter router = RunningRouter.start(anthropicProvider(upstream.url("/v1/messages")))) {
            HttpResponse<InputStream> response = router.postStreaming("/v1/chat/completions", CHAT);
            assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
            BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

            // 1. The provider has sent "Hel" and holds the rest back; the client already has it as a chunk.
            assertThat(reader.readLine()).contains("\"role\":\"assistant\"");
            assertThat(reader.readLine()).isEmpty();
            assertThat(reader.readLine()).contains("\"content\":\"Hel\"");
            // 2. Only now does the provider finish.
            upstream.releaseRest();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("\"content\":\"lo\"").contains("\"finish_reason\":\"stop\"")
                    .endsWith("data: [DONE]\n\n");
        }
    }

    @Test
    void aGeminiClientThatLeavesMidStreamCancelsTheProviderCall() throws Exception {
        String delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"la \"}}\n\n";
        try (ControlledSseUpstream upstream = ControlledSseUpstream.endless(delta);
             RunningRouter router = RunningRouter.start(anthropicProvider(upstream.url("/v1/messages")))) {
            HttpResponse<InputStream> response = router.postStreaming(
                    "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", GEMINI);
            InputStream body = response.body();
            assertThat(new String(body.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("data: ");

            body.close(); // the client goes away mid-stream

            assertThat(upstream.awaitClientGone(3_000)).as("upstream saw its connection closed").isTrue();
        }
    }

    @Test
    void aProviderThatAnswersAStreamWithJsonIsReplayedAsTheClientsEvents() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(anthropicProvider(Upstreams.url(upstream, "/v1/messages")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                    {"id":"msg_9","type":"message","role":"assistant","model":"claude-up",
                     "content":[{"type":"text","text":"All at once."}],"stop_reason":"end_turn",
                     "usage":{"input_tokens":5,"output_tokens":4}}""").build());

            HttpResponse<String> answer = router.post("/v1/responses",
                    "{\"model\":\"m\",\"stream\":true,\"input\":\"hi\"}");

            assertThat(answer.headers().firstValue("content-type")).contains("text/event-stream");
            assertThat(answer.body()).contains("event: response.output_text.delta").contains("All at once.")
                    .contains("event: response.completed");
        }
    }

    /* --------------- Keys and limits --------------- */

    @Test
    void eachDialectCarriesTheKeyItsOwnWayAndClientKeysAreLimitedOnEveryEndpoint() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"APIKEY":"admin-key",
                      "CLIENT_KEYS":[{"name":"alice","key":"$ALICE_KEY","limits":{"requestsPerMinute":3}}],
                      "Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"]}],
                      "Router":{"default":"p,m"}}""".formatted(Upstreams.url(upstream, "/v1/chat/completions")),
                     Map.of("ALICE_KEY", "sk-alice-1"))) {
            for (int i = 0; i < 3; i++) {
                upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
            }
            String plainChat = CHAT.replace("true", "false");

            // 1. No key: refused in each client's shape
            HttpResponse<String> openAi = router.post("/v1/chat/completions", plainChat);
            assertThat(openAi.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(openAi.body()).at("/error/message").asText()).isEqualTo("APIKEY is missing");
            assertThat(JSON.readTree(openAi.body()).at("/error/type").asText()).isEqualTo("authentication_error");
            HttpResponse<String> gemini = router.post("/v1beta/models/m:generateContent", GEMINI);
            assertThat(gemini.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(gemini.body()).path("error").path("status").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(JSON.readTree(gemini.body()).path("error").path("code").asInt()).isEqualTo(401);

            // 2. A client key as Bearer, as x-goog-api-key, as ?key=; the fourth call is over its limit
            assertThat(router.post("/v1/chat/completions", plainChat, "authorization", "Bearer sk-alice-1").statusCode())
                    .isEqualTo(200);
            assertThat(router.post("/v1beta/models/m:generateContent", GEMINI, "x-goog-api-key", "sk-alice-1")
                    .statusCode()).isEqualTo(200);
            assertThat(router.post("/v1beta/models/m:generateContent?key=sk-alice-1", GEMINI).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = router.post("/v1/responses", "{\"model\":\"m\",\"input\":\"hi\"}",
                    "authorization", "Bearer sk-alice-1");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).isPresent();
            assertThat(JSON.readTree(limited.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");

            // 3. The Gemini key is no key anywhere else, and never reaches the provider
            assertThat(router.get("/api/usage?key=admin-key").statusCode()).isEqualTo(401);
            assertThat(upstream.takeRequest().getHeaders().get("x-goog-api-key")).isNull();
            assertThat(upstream.takeRequest().getHeaders().get("x-goog-api-key")).isNull();

            JsonNode records = JSON.readTree(router.get("/api/usage", "x-api-key", "admin-key").body()).path("records");
            assertThat(records).extracting(r -> r.path("clientKey").asText()).containsOnly("alice");
        }
    }

    /* --------------- Bad input --------------- */

    @Test
    void badInputGetsAClearErrorInTheClientsShapeNeverAStackTrace() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            assertError(router.post("/v1/chat/completions", "{not json"), 400, "/error/message", "Request body is not valid JSON");
            assertError(router.post("/v1/chat/completions", "[1]"), 400, "/error/message", "must be a JSON object");
            assertError(router.post("/v1/chat/completions", "{\"model\":\"m\"}"), 400, "/error/message",
                    "'messages' must be a non-empty array");
            assertError(router.post("/v1/chat/completions", """
                    {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]}"""),
                    400, "/error/message", "messages[0].content[0]: content part type 'input_audio' is not supported");
            assertError(router.post("/v1/chat/completions", """
                    {"model":"m","messages":[{"role":"robot","content":"hi"}]}"""), 400, "/error/message",
                    "messages[0].role 'robot'");
            assertError(router.post("/v1/responses", "{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}"),
                    400, "/error/message", "input[0]: item_reference is not supported");
            assertError(router.post("/v1/responses", "{\"model\":\"m\",\"input\":42}"), 400, "/error/message",
                    "'input' must be a string or an array");
            assertError(router.post("/v1beta/models/m:generateContent", "{\"contents\":[{\"parts\":[{\"videoMetadata\":{}}]}]}"),
                    400, "/error/message", "contents[0].parts[0]: part videoMetadata is not supported");
            assertError(router.post("/v1beta/models/m:generateContent", "{\"contents\":[{\"parts\":[{}, 7]}]}"),
                    400, "/error/message", "contents[0].parts[0]: a part must be a non-empty object");
            assertError(router.post("/v1beta/models/m:generateContent", """
                    {"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"candidateCount":2}}"""),
                    400, "/error/status", "INVALID_ARGUMENT");
            assertThat(upstream.getRequestCount()).isZero();
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String pointer, String text) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).at(pointer).asText()).contains(text);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
