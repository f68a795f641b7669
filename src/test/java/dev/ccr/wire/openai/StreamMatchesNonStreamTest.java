package dev.ccr.wire.openai;

import static dev.ccr.wire.WireTestKit.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.AnthropicStreams;
import dev.ccr.wire.WireTestKit;
import dev.ccr.wire.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One answer, two transports: a completion and the same completion streamed in small pieces must give the client
 * the same message (stream × non-stream, for text, tools and thinking).
 */
class StreamMatchesNonStreamTest {

    static List<Arguments> features() {
        return List.of(
                Arguments.of("text", """
                        {"id":"x","model":"m","choices":[{"message":{"content":"Hello, café 日本"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":30,"completion_tokens":4,"prompt_tokens_details":{"cached_tokens":10}}}"""),
                Arguments.of("tools", """
                        {"id":"x","model":"m","choices":[{"message":{"content":"Reading.","tool_calls":[
                          {"id":"t1","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"/a/é\\"}"}},
                          {"id":"t2","type":"function","function":{"name":"Bash","arguments":"{\\"command\\":\\"ls\\"}"}}]},
                         "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":300,"completion_tokens":40}}"""),
                Arguments.of("thinking", """
                        {"id":"x","model":"m","choices":[{"message":{"reasoning_content":"Think first.","content":"Answer."},
                         "finish_reason":"length"}],"usage":{"prompt_tokens":12,"completion_tokens":9}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("features")
    void streamedAndWholeAnswersGiveTheSameMessage(String feature, String completionJson) {
        ObjectNode completion = object(completionJson);
        ObjectNode whole = ChatToAnthropicResponse.convert(completion);

        List<SseEvent> events = WireTestKit.run(
                () -> new ChatToAnthropicStream(new ChatToAnthropicStream.Options(0, () -> "x")), streamed(completion, 3));
        AnthropicStreams.assertWellFormed(events);
        ObjectNode accumulated = AnthropicStreams.accumulate(events);

        WireTestKit.assertJson(accumulated, whole.toString());
    }

    /** Streams a completion as OpenAI would: text and arguments in pieces of {@code size} characters, usage last. */
    private static String streamed(ObjectNode completion, int size) {
        JsonNode choice = completion.at("/choices/0");
        JsonNode message = choice.get("message");
        StringBuilder sse = new StringBuilder();
        chunk(sse, completion, "{\"role\":\"assistant\",\"content\":\"\"}", null);
        for (String piece : pieces(message.path("reasoning_content").asText(""), size)) {
            chunk(sse, completion, "{\"reasoning_content\":" + quote(piece) + "}", null);
        }
        for (String piece : pieces(message.path("content").asText(""), size)) {
            chunk(sse, completion, "{\"content\":" + quote(piece) + "}", null);
        }
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            chunk(sse, completion, "{\"tool_calls\":[{\"index\":" + index + ",\"id\":" + quote(call.get("id").asText())
                    + ",\"type\":\"function\",\"function\":{\"name\":" + quote(call.at("/function/name").asText())
                    + ",\"arguments\":\"\"}}]}", null);
            for (String piece : pieces(call.at("/function/arguments").asText(), size)) {
                chunk(sse, completion, "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":"
                        + quote(piece) + "}}]}", null);
            }
            index++;
        }
        chunk(sse, completion, "{}", choice.get("finish_reason").asText());
        sse.append("data: {\"choices\":[],\"usage\":").append(completion.get("usage")).append("}\n\ndata: [DONE]\n\n");
        return sse.toString();
    }

    private static void chunk(StringBuilder sse, ObjectNode completion, String delta, String finish) {
        sse.append("data: {\"id\":\"x\",\"model\":").append(completion.get("model")).append(",\"choices\":[{\"index\":0,")
                .append("\"delta\":").append(delta).append(",\"finish_reason\":")
                .append(finish == null ? "null" : quote(finish)).append("}],\"usage\":null}\n\n");
    }

    private static List<String> pieces(String s, int size) {
        return java.util.stream.IntStream.iterate(0, i -> i < s.length(), i -> i + size)
                .mapToObj(i -> s.substring(i, Math.min(s.length(), i + size))).toList();
    }

    private static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }
}
