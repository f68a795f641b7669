package dev.ccr.e2e.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Google Gen AI Java SDK (what Gemini CLI's library is the TypeScript twin of), pointed at a real ccr
 * whose provider speaks OpenAI chat completions: the request reaches the provider as a chat request, and the answer
 * (streamed with {@code alt=sse}, with a function call) reaches the SDK as Gemini's.
 */
class GeminiClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_STREAM = """
            data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4.1","choices":[{"index":0,"delta":{"role":"assistant","content":"Checking "}}]}

            data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4.1","choices":[{"index":0,"delta":{"content":"the weather."}}]}

            data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4.1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\""}}]}}]}

            data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4.1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":\\"Oslo\\"}"}}]}}]}

            data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4.1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

            data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4.1","choices":[],"usage":{"prompt_tokens":25,"completion_tokens":11,"total_tokens":36}}

            data: [DONE]

            """;

    private MockWebServer provider;
    private RunningRouter router;
    private Client client;

    @BeforeEach
    void start() {
        provider = Upstreams.mock();
        router = RunningRouter.start("""
                {"APIKEY":"ccr-secret",
                 "Providers":[{"name":"o","api_base_url":"%s","api_key":"ok","models":["gpt-4.1"]}],
                 "Router":{"default":"o,gpt-4.1"}}""".formatted(Upstreams.url(provider, "/v1/chat/completions")));
        client = client("ccr-secret");
    }

    private Client client(String key) {
        return Client.builder().vertexAI(false).apiKey(key).httpOptions(HttpOptions.builder()
                .baseUrl("http://127.0.0.1:" + router.port()).apiVersion("v1beta").build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        router.close();
        provider.close();
    }

    private static GenerateContentConfig weatherTools() {
        return GenerateContentConfig.builder()
                .systemInstruction(Content.fromParts(Part.fromText("You are a weather bot.")))
                .maxOutputTokens(400)
                .tools(Tool.builder().functionDeclarations(FunctionDeclaration.builder().name("get_weather")
                        .description("Current weather").parameters(Schema.builder().type(Type.Known.OBJECT)
                                .properties(Map.of("city", Schema.builder().type(Type.Known.STRING).build()))
                                .required(List.of("city")).build()).build()).build())
                .build();
    }

    @Test
    void aStreamedToolCallFromAnOpenAiProviderReachesTheSdkAsGeminiPieces() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(CHAT_STREAM).build());

        List<GenerateContentResponse> pieces = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(
                "gemini-2.5-flash", "Weather in Oslo?", weatherTools())) {
            stream.forEach(pieces::add);
        }

        // 1. What the SDK made of the stream
        StringBuilder text = new StringBuilder();
        pieces.forEach(p -> text.append(p.text() == null ? "" : p.text()));
        assertThat(text.toString()).isEqualTo("Checking the weather.");
        GenerateContentResponse last = pieces.getLast();
        FunctionCall call = last.functionCalls().getFirst();
        assertThat(call.name()).contains("get_weather");
        assertThat(call.id()).contains("call_9");
        assertThat(call.args().orElseThrow()).containsEntry("city", "Oslo");
        assertThat(last.finishReason().knownEnum().name()).isEqualTo("STOP");
        assertThat(last.usageMetadata().orElseThrow().promptTokenCount()).contains(25);
        assertThat(last.usageMetadata().orElseThrow().candidatesTokenCount()).contains(11);

        // 2. What the OpenAI provider received
        RecordedRequest sent = provider.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer ok");
        JsonNode body = JSON.readTree(sent.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4.1");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(400);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(body.at("/tools/0/function/parameters/type").asText()).isEqualTo("object");
        assertThat(body.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");

        // 3. The usage record
        JsonNode usage = JSON.readTree(router.get("/api/usage", "x-api-key", "ccr-secret").body());
        assertThat(usage.at("/records/0/clientType").asText()).isEqualTo("api");
        assertThat(usage.at("/records/0/provider").asText()).isEqualTo("o");
    }

    @Test
    void theFunctionResponseGoesBackAsAToolMessageAndTheAnswerComesBackWhole() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                {"id":"c2","object":"chat.completion","model":"gpt-4.1","choices":[{"index":0,
                 "message":{"role":"assistant","content":"It is 3°C in Oslo."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":44,"completion_tokens":8,"total_tokens":52}}""").build());

        GenerateContentResponse answer = client.models.generateContent("gemini-2.5-flash", List.of(
                Content.builder().role("user").parts(Part.fromText("Weather in Oslo?")).build(),
                Content.builder().role("model").parts(Part.fromFunctionCall("get_weather", Map.of("city", "Oslo"))).build(),
                Content.builder().role("user").parts(Part.fromFunctionResponse("get_weather", Map.of("temp", "3C"))).build()),
                weatherTools());

        assertThat(answer.text()).isEqualTo("It is 3°C in Oslo.");
        assertThat(answer.usageMetadata().orElseThrow().totalTokenCount()).contains(52);
        JsonNode messages = JSON.readTree(provider.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).path("messages");
        assertThat(messages.at("/2/role").asText()).isEqualTo("assistant");
        String callId = messages.at("/2/tool_calls/0/id").asText();
        assertThat(messages.at("/2/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(messages.at("/3/role").asText()).isEqualTo("tool");
        assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo(callId);
        assertThat(messages.at("/3/content").asText()).contains("3C");
    }

    @Test
    void countTokensIsAnsweredByCcrItself() {
        assertThat(client.models.countTokens("gemini-2.5-flash", "Weather in Oslo?", null).totalTokens().orElseThrow())
                .isPositive();
        assertThat(provider.getRequestCount()).isZero();
    }

    @Test
    void refusalsReachTheSdkInGooglesShape() {
        try (Client wrongKey = client("wrong")) {
            assertThatThrownBy(() -> wrongKey.models.generateContent("gemini-2.5-flash", "hi", null))
                    .isInstanceOf(ClientException.class).hasMessageContaining("401").hasMessageContaining("Invalid API key");
        }
        var raw = router.post("/v1beta/models/gemini-2.5-flash:generateContent?key=ccr-secret", "{\"contents\":[]}");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).contains("\"status\":\"INVALID_ARGUMENT\"").contains("'contents' must be a non-empty array")
                .doesNotContain("Exception");
        assertThat(router.post("/v1beta/models/gemini-2.5-flash:embedContent?key=ccr-secret", "{}").body())
                .contains("\"status\":\"NOT_FOUND\"");
        assertThat(provider.getRequestCount()).isZero();
    }

    @Test
    void withoutAltSseTheStreamIsOneJsonArrayAndGeminiCliIsNamedInTheUsageRecord() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(CHAT_STREAM).build());
        var answer = router.post("/v1beta/models/gemini-2.5-pro:streamGenerateContent", """
                {"contents":[{"role":"user","parts":[{"text":"Weather in Oslo?"}]}]}""",
                "x-goog-api-key", "ccr-secret", "user-agent", "GeminiCLI/0.18.0 (linux; x64)");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode pieces = JSON.readTree(answer.body());
        assertThat(pieces.isArray()).isTrue();
        assertThat(pieces.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Checking ");
        assertThat(pieces.get(pieces.size() - 1).at("/candidates/0/content/parts/0/functionCall/args/city").asText())
                .isEqualTo("Oslo");
        JsonNode usage = JSON.readTree(router.get("/api/usage", "x-api-key", "ccr-secret").body());
        assertThat(usage.at("/records/0/clientType").asText()).isEqualTo("gemini");
    }
}
