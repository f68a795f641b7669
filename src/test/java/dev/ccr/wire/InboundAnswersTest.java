package dev.ccr.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.anthropic.AnthropicToChatResponse;
import dev.ccr.wire.anthropic.AnthropicToChatStream;
import dev.ccr.wire.anthropic.MessageAsEvents;
import dev.ccr.wire.gemini.ChatToGeminiResponse;
import dev.ccr.wire.gemini.ChatToGeminiStream;
import dev.ccr.wire.openai.UsageChunkLast;
import dev.ccr.wire.responses.ChatToResponsesResponse;
import dev.ccr.wire.responses.ChatToResponsesStream;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Anthropic answer, converted for each client dialect (OpenAI chat, Responses, Gemini) whole and as a stream:
 * the matrix dialect × stream/non-stream × feature (text, tool call, thinking, token limit). Each client's form is
 * read back into the same {@link Summary}, so a stream must say exactly what the whole answer says.
 */
class InboundAnswersTest {
    private static final long CREATED = 1_764_000_000L;

    /** What a client learns from an answer, whatever its dialect. */
    record Summary(String text, String thinking, String tool, JsonNode arguments, String finish, long input, long output) {
    }

    /** A client dialect: the whole answer's conversion, a fresh stream converter, and how each reads back. */
    record Dialect(String name, Function<ObjectNode, ObjectNode> whole, Supplier<StreamConverter> stream,
                   Function<JsonNode, Summary> readWhole, Function<List<SseEvent>, Summary> readStream) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Dialect CHAT = new Dialect("chat", AnthropicToChatResponse::convert,
            () -> new AnthropicToChatStream().andThen(new UsageChunkLast()), InboundAnswersTest::chatWhole,
            InboundAnswersTest::chatStream);
    static final Dialect RESPONSES = new Dialect("responses",
            m -> ChatToResponsesResponse.convert(AnthropicToChatResponse.convert(m), CREATED),
            () -> new AnthropicToChatStream().andThen(new ChatToResponsesStream(CREATED)),
            InboundAnswersTest::responsesWhole, InboundAnswersTest::responsesStream);
    static final Dialect GEMINI = new Dialect("gemini",
            m -> ChatToGeminiResponse.convert(AnthropicToChatResponse.convert(m)),
            () -> new AnthropicToChatStream().andThen(new ChatToGeminiStream()),
            InboundAnswersTest::geminiWhole, InboundAnswersTest::geminiStream);

    /* --------------- The answers --------------- */

    private static final String TOOL_CALL = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
             "content":[{"type":"thinking","thinking":"The user wants weather.","signature":"sig"},
                        {"type":"text","text":"Checking."},
                        {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Oslo","days":2}}],
             "stop_reason":"tool_use","usage":{"input_tokens":40,"output_tokens":15}}""";
    private static final String TEXT = """
            {"id":"msg_2","type":"message","role":"assistant","model":"claude-x",
             "content":[{"type":"text","text":"Hello there."}],
             "stop_reason":"end_turn","usage":{"input_tokens":7,"output_tokens":3}}""";
    private static final String CUT = """
            {"id":"msg_3","type":"message","role":"assistant","model":"claude-x",
             "content":[{"type":"text","text":"A long sto"}],
             "stop_reason":"max_tokens","usage":{"input_tokens":7,"output_tokens":100}}""";

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Dialect d : List.of(CHAT, RESPONSES, GEMINI)) {
            cases.add(Arguments.of(d, "tool call with thinking", TOOL_CALL, new Summary("Checking.",
                    "The user wants weather.", "get_weather", object("{\"city\":\"Oslo\",\"days\":2}"), "tool", 40, 15)));
            cases.add(Arguments.of(d, "text", TEXT, new Summary("Hello there.", "", "", null, "stop", 7, 3)));
            cases.add(Arguments.of(d, "token limit", CUT, new Summary("A long sto", "", "", null, "length", 7, 100)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void theStreamSaysWhatTheWholeAnswerSays(Dialect dialect, String feature, String message, Summary expected) {
        ObjectNode anthropic = object(message);

        assertThat(dialect.readWhole().apply(dialect.whole().apply(anthropic.deepCopy()))).as("whole").isEqualTo(expected);

        StreamConverter converter = dialect.stream().get();
        List<SseEvent> out = new ArrayList<>();
        converter.atStart(out::add);
        MessageAsEvents.of(anthropic).forEach(e -> converter.accept(out::add, e));
        converter.atEnd(out::add);
        assertThat(dialect.readStream().apply(out)).as("stream").isEqualTo(expected);
    }

    /* --------------- Reading OpenAI chat --------------- */

    private static Summary chatWhole(JsonNode completion) {
        JsonNode message = completion.at("/choices/0/message");
        JsonNode call = message.at("/tool_calls/0/function");
        return new Summary(message.path("content").asText(""), message.at("/thinking/content").asText(""),
                call.path("name").asText(""), arguments(call.path("arguments").asText("")),
                finish(completion.at("/choices/0/finish_reason").asText()),
                completion.at("/usage/prompt_tokens").asLong(), completion.at("/usage/completion_tokens").asLong());
    }

    private static Summary chatStream(List<SseEvent> events) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        StringBuilder args = new StringBuilder();
        String tool = "";
        String finish = "";
        JsonNode usage = WireJson.object();
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = object(e.data());
            JsonNode delta = chunk.at("/choices/0/delta");
            text.append(delta.path("content").asText(""));
            thinking.append(delta.path("reasoning_content").asText(""));
            JsonNode call = delta.at("/tool_calls/0/function");
            tool = call.path("name").asText(tool);
            args.append(call.path("arguments").asText(""));
            finish = chunk.at("/choices/0/finish_reason").asText(finish);
            if (chunk.has("usage")) {
                assertThat(chunk.path("choices")).as("usage comes in a chunk of its own").isEmpty();
                usage = chunk.get("usage");
            }
        }
        return new Summary(text.toString(), thinking.toString(), tool, arguments(args.toString()), finish(finish),
                usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
    }

    /* --------------- Reading Responses --------------- */

    private static Summary responsesWhole(JsonNode response) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        String tool = "";
        JsonNode args = null;
        for (JsonNode item : response.path("output")) {
            switch (item.path("type").asText()) {
                case "message" -> item.path("content").forEach(p -> text.append(p.path("text").asText("")));
                case "reasoning" -> item.path("summary").forEach(p -> thinking.append(p.path("text").asText("")));
                case "function_call" -> {
                    tool = item.path("name").asText();
                    args = arguments(item.path("arguments").asText());
                    assertThat(item.path("call_id").asText()).isEqualTo("toolu_1");
                }
                default -> throw new AssertionError("unexpected item " + item);
            }
        }
        String status = response.path("status").asText();
        String finish = status.equals("incomplete") ? "length" : tool.isEmpty() ? "stop" : "tool";
        return new Summary(text.toString(), thinking.toString(), tool, args, finish,
                response.at("/usage/input_tokens").asLong(), response.at("/usage/output_tokens").asLong());
    }

    private static Summary responsesStream(List<SseEvent> events) {
        long sequence = 0;
        StringBuilder deltas = new StringBuilder();
        JsonNode last = null;
        for (SseEvent e : events) {
            JsonNode data = object(e.data());
            assertThat(data.path("type").asText()).isEqualTo(e.event());
            assertThat(data.path("sequence_number").asLong()).isEqualTo(sequence++);
            deltas.append(data.path("type").asText().equals("response.output_text.delta") ? data.path("delta").asText() : "");
            last = data;
        }
        assertThat(events.getFirst().event()).isEqualTo("response.created");
        assertThat(last.path("type").asText()).isIn("response.completed", "response.incomplete");
        Summary whole = responsesWhole(last.path("response"));
        assertThat(deltas.toString()).isEqualTo(whole.text());
        return whole;
    }

    /* --------------- Reading Gemini --------------- */

    private static Summary geminiWhole(JsonNode response) {
        return geminiPieces(List.of(response));
    }

    private static Summary geminiStream(List<SseEvent> events) {
        List<JsonNode> pieces = new ArrayList<>();
        events.forEach(e -> {
            assertThat(e.event()).isNull();
            pieces.add(object(e.data()));
        });
        return geminiPieces(pieces);
    }

    private static Summary geminiPieces(List<JsonNode> pieces) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        String tool = "";
        JsonNode args = null;
        String finish = "";
        JsonNode usage = WireJson.object();
        for (JsonNode piece : pieces) {
            JsonNode candidate = piece.at("/candidates/0");
            for (JsonNode part : candidate.at("/content/parts")) {
                if (part.has("functionCall")) {
                    tool = part.at("/functionCall/name").asText();
                    args = part.at("/functionCall/args");
                    assertThat(part.at("/functionCall/id").asText()).isEqualTo("toolu_1");
                } else {
                    (part.path("thought").asBoolean() ? thinking : text).append(part.path("text").asText(""));
                }
            }
            finish = candidate.path("finishReason").asText(finish);
            usage = piece.has("usageMetadata") ? piece.get("usageMetadata") : usage;
        }
        String summaryFinish = finish.equals("MAX_TOKENS") ? "length" : tool.isEmpty() ? "stop" : "tool";
        return new Summary(text.toString(), thinking.toString(), tool, args, summaryFinish,
                usage.path("promptTokenCount").asLong(), usage.path("candidatesTokenCount").asLong());
    }

    /* --------------- Shared --------------- */

    private static JsonNode arguments(String json) {
        return json.isEmpty() ? null : object(json);
    }

    private static String finish(String openAi) {
        return switch (openAi) {
            case "tool_calls" -> "tool";
            case "length" -> "length";
            default -> "stop";
        };
    }
}
