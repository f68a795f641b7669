package dev.ccr.e2e.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK's chat completions, pointed at a real ccr whose provider speaks Anthropic's Messages
 * API: the request arrives at the provider in Anthropic's form, and the answer (streamed, with a tool call) reaches
 * the SDK as OpenAI's.
 */
class OpenAiChatClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANTHROPIC_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":31,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"check."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_7","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\"Paris\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":18}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    private MockWebServer provider;
    private RunningRouter router;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        provider = Upstreams.mock();
        router = RunningRouter.start("""
                {"APIKEY":"ccr-secret",
                 "Providers":[{"name":"claude","api_base_url":"%s","api_key":"provider-key","models":["claude-sonnet-4-5"],
                   "transformer":{"use":["Anthropic"]}}],
                 "Router":{"default":"claude,claude-sonnet-4-5"}}""".formatted(Upstreams.url(provider, "/v1/messages")));
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + router.port() + "/v1")
                .apiKey("ccr-secret").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        router.close();
        provider.close();
    }

    private static ChatCompletionCreateParams.Builder weatherQuestion() {
        return ChatCompletionCreateParams.builder().model("gpt-4o").maxCompletionTokens(500)
                .addSystemMessage("You are terse.")
                .addUserMessage("Weather in Paris?")
                .addFunctionTool(FunctionDefinition.builder().name("get_weather").description("Current weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(java.util.List.of("city")))
                                .build())
                        .build());
    }

    @Test
    void aStreamedToolCallFromAnAnthropicProviderReachesTheSdkAsChatChunks() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(ANTHROPIC_STREAM).build());

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(weatherQuestion().build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion completion = accumulator.chatCompletion();

        // 1. What the SDK made of the stream
        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.message().content()).contains("Let me check.");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.id()).isEqualTo("toolu_7");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.function().arguments())).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(31);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(18);

        // 2. What the Anthropic provider received
        RecordedRequest sent = provider.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(sent.getHeaders().get("x-api-key")).isEqualTo("provider-key");
        assertThat(sent.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer provider-key");
        JsonNode body = JSON.readTree(sent.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(500);
        assertThat(body.at("/system/0/text").asText()).isEqualTo("You are terse.");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Weather in Paris?");
        assertThat(body.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(body.at("/tools/0/input_schema/properties/city/type").asText()).isEqualTo("string");

        // 3. The usage record names a plain SDK call
        JsonNode usage = JSON.readTree(router.get("/api/usage", "x-api-key", "ccr-secret").body());
        assertThat(usage.at("/records/0/clientType").asText()).isEqualTo("api");
        assertThat(usage.at("/records/0/provider").asText()).isEqualTo("claude");
    }

    @Test
    void theToolResultGoesBackAsAnAnthropicToolResultAndTheAnswerComesBackWhole() throws Exception {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("""
                {"id":"msg_2","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"18°C and sunny."}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":60,"output_tokens":9}}""").build());

        ChatCompletion completion = client.chat().completions().create(weatherQuestion()
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall.builder()
                                .id("toolu_7").function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                        .name("get_weather").arguments("{\"city\":\"Paris\"}").build()).build()))
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("toolu_7").content("18C, sun").build())
                .build());

        assertThat(completion.choices().getFirst().message().content()).contains("18°C and sunny.");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        JsonNode body = JSON.readTree(provider.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(body.path("stream").asBoolean()).isFalse();
        assertThat(body.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(body.at("/messages/1/content/0/input/city").asText()).isEqualTo("Paris");
        assertThat(body.at("/messages/2/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(body.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_7");
        assertThat(body.at("/messages/2/content/0/content").asText()).isEqualTo("18C, sun");
    }

    @Test
    void refusalsReachTheSdkAsOpenAiErrors() {
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + router.port() + "/v1")
                .apiKey("wrong").maxRetries(0).build();
        try {
            assertThatThrownBy(() -> wrongKey.chat().completions().create(weatherQuestion().build()))
                    .isInstanceOf(UnauthorizedException.class).hasMessageContaining("Invalid API key");
        } finally {
            wrongKey.close();
        }
        assertThatThrownBy(() -> client.chat().completions().create(weatherQuestion().n(2).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'n' above 1 is not supported");
        assertThat(provider.getRequestCount()).isZero();
    }

    @Test
    void aProvidersRateLimitReachesTheSdkAsOpenAisRateLimitError() {
        MockResponse limited = new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}").build();
        for (int i = 0; i < 4; i++) {
            provider.enqueue(limited);
        }
        assertThatThrownBy(() -> client.chat().completions().create(weatherQuestion().build()))
                .isInstanceOf(RateLimitException.class).hasMessageContaining("slow down");
    }

    @Test
    void aStreamThatBreaksEndsWithAnErrorTheSdkRaises() {
        provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":3,"output_tokens":1}}}

                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """).build());
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(weatherQuestion().build())) {
                stream.stream().forEach(chunk -> { });
            }
        }).hasMessageContaining("Overloaded");
    }
}
