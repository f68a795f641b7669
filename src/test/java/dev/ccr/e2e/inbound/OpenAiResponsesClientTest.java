package dev.ccr.e2e.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK's Responses API (what Codex speaks), pointed at a real ccr whose provider is Gemini
 * (the built-in {@code gemini} transformer): the request reaches Gemini as {@code generateContent}, and the answer
 * (streamed, with a function call) reaches the SDK as Responses events.
 */
class OpenAiResponsesClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GEMINI_SSE = """
            data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Looking it up."}]}}],"modelVersion":"gemini-2.5-pro","responseId":"r1"}

            data: {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"shell","args":{"command":["ls","-la"]}}}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":12,"totalTokenCount":52},"modelVersion":"gemini-2.5-pro","responseId":"r1"}

            """;

    private MockWebServer provider;
    private RunningRouter router;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        provider = Upstreams.mock();
        router = RunningRouter.start("""
                {"Providers":[{"name":"g","api_base_url":"%s","api_key":"gk","models":["gemini-2.5-pro"],
                   "transformer":{"use":["gemini"]}}],
                 "Router":{"default":"g,gemini-2.5-pro"}}""".formatted(Upstreams.url(provider, "/v1beta/models/")));
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + router.port() + "/v1")
                .apiKey("unused").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        router.close();
        provider.close();
    }

    private static ResponseCreateParams.Builder listFiles() {
        return ResponseCreateParams.builder().model("gpt-5-codex").instructions("You are a coding agent.")
                .input("List the files here.")
                .addTool(FunctionTool.builder().name("shell").description("Runs a command").strict(false)
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("command",
                                        Map.of("type", "array", "items", Map.of("type", "string")))))
                                .build())
                        .build());
    }

    @Test
    void aStreamedFunctionCallFromGeminiReachesTheSdkAsResponsesEvents() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(GEMINI_SSE).build());

        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(listFiles().build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Response response = accumulator.response();

        // 1. What the SDK made of the stream
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.output()).hasSize(2);
        assertThat(response.output().get(0).asMessage().content().getFirst().asOutputText().text()).isEqualTo("Looking it up.");
        ResponseFunctionToolCall call = response.output().get(1).asFunctionCall();
        assertThat(call.name()).isEqualTo("shell");
        assertThat(call.callId()).isNotBlank();
        assertThat(JSON.readTree(call.arguments())).isEqualTo(JSON.readTree("{\"command\":[\"ls\",\"-la\"]}"));
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(40);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(12);

        // 2. What Gemini received
        RecordedRequest sent = provider.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getTarget()).isEqualTo("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
        assertThat(sent.getHeaders().get("x-goog-api-key")).isEqualTo("gk");
        JsonNode body = JSON.readTree(sent.getBody().utf8());
        assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are a coding agent.");
        assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("List the files here.");
        assertThat(body.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("shell");
    }

    @Test
    void theFunctionOutputGoesBackToGeminiAndTheAnswerComesBackWhole() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Two files: a.txt and b.txt."}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":70,"candidatesTokenCount":9,"totalTokenCount":79},"modelVersion":"gemini-2.5-pro"}""").build());

        Response response = client.responses().create(listFiles().inputOfResponse(List.of(
                ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                        .role(com.openai.models.responses.EasyInputMessage.Role.USER).content("List the files here.").build()),
                ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder().callId("call_1").name("shell")
                        .arguments("{\"command\":[\"ls\"]}").build()),
                ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder().callId("call_1")
                        .output("a.txt\nb.txt").build()))).build());

        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.output().getFirst().asMessage().content().getFirst().asOutputText().text())
                .isEqualTo("Two files: a.txt and b.txt.");
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(79);
        RecordedRequest sent = provider.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getTarget()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
        JsonNode contents = JSON.readTree(sent.getBody().utf8()).path("contents");
        assertThat(contents.at("/1/role").asText()).isEqualTo("model");
        assertThat(contents.at("/1/parts/0/functionCall/name").asText()).isEqualTo("shell");
        assertThat(contents.at("/2/parts/0/functionResponse/name").asText()).isEqualTo("shell");
        assertThat(contents.at("/2/parts/0/functionResponse/response").toString()).contains("a.txt");
    }

    @Test
    void aPreviousResponseIdIsRefusedInOpenAisShape() {
        assertThatThrownBy(() -> client.responses().create(listFiles().previousResponseId("resp_1").build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("ccr stores no responses");
        assertThat(provider.getRequestCount()).isZero();
    }

    @Test
    void codexIsNamedInTheUsageRecord() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(GEMINI_SSE).build());
        var answer = router.post("/v1/responses", """
                {"model":"gpt-5-codex","stream":true,"store":false,"input":[{"type":"message","role":"user",
                 "content":[{"type":"input_text","text":"hi"}]}]}""", "user-agent", "codex_cli_rs/0.63.0 (Mac OS 15.1; arm64)");
        assertThat(answer.body()).contains("event: response.completed");
        JsonNode usage = JSON.readTree(router.get("/api/usage").body());
        assertThat(usage.at("/records/0/clientType").asText()).isEqualTo("codex");
        assertThat(usage.at("/records/0/provider").asText()).isEqualTo("g");
        assertThat(usage.at("/records/0/inputTokens").asLong()).isEqualTo(40);
    }
}
