package dev.ccr.wire;

import static dev.ccr.wire.WireTestKit.json;
import static dev.ccr.wire.WireTestKit.object;
import static dev.ccr.wire.WireTestKit.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.gemini.GeminiToChatResponse;
import dev.ccr.wire.gemini.GeminiToChatStream;
import dev.ccr.wire.openai.ChatToAnthropicResponse;
import dev.ccr.wire.openai.ChatToAnthropicStream;
import dev.ccr.wire.responses.ResponsesToChatResponse;
import dev.ccr.wire.responses.ResponsesToChatStream;
import dev.ccr.wire.sse.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A provider's answer becomes the Anthropic answer the client reads: one test body run over the golden files in
 * {@code src/test/resources/wire/}, dialect × stream/non-stream × feature.
 *
 * <p>An answer is a file {@code <dialect>-<feature>.sse} (a stream, as the provider sent it) or
 * {@code <dialect>-<feature>.json} (a whole answer). Next to it, {@code <name>.anthropic.sse} or
 * {@code <name>.anthropic.json} holds exactly what the client must receive. The Gemini and Responses dialects are
 * converted to OpenAI chat first (their transformers' response half), then to Anthropic (the chat dialect), as in the
 * pipeline; {@code <name>.chat.sse} or {@code <name>.chat.json} holds that middle step. A stream is run twice, in one
 * network read and in one read per event, and both must give the same bytes; {@code SplitAnywherePropertyTest} splits
 * the OpenAI streams everywhere else.
 *
 * <p>To accept a deliberate change, run with {@code -Dccr.golden.update=true}, read the diff of the expected files,
 * and commit them. To add a case, add an answer file and run once with that flag.
 *
 * <p>The tags name the items of docs/ccr-checklist.md whose behaviour the golden files pin (text, tool calls, finish
 * reasons, usage, a stream that ends early, usage after the finish chunk, error chunks, reasoning deltas).
 */
@Tag("ccr-11.2")
@Tag("ccr-11.4")
@Tag("ccr-11.5")
@Tag("ccr-11.6")
@Tag("ccr-11.7")
@Tag("ccr-11.9")
@Tag("ccr-11.10")
@Tag("ccr-11.11")
@Tag("ccr-11.12")
@Tag("ccr-11.13")
@Tag("ccr-11.59")
class WireMatrixTest {

    private static final Path DIR = Path.of("src/test/resources/wire");
    private static final Pattern ANSWER = Pattern.compile("(openai|gemini|responses)-([a-z0-9-]+)\\.(sse|json)");

    /** The client's estimate of input tokens and the message id, fixed so output is byte-stable. */
    static ChatToAnthropicStream newConverter() {
        return new ChatToAnthropicStream(new ChatToAnthropicStream.Options(2000, () -> "msg_recorded"));
    }

    /** The ids Gemini's converters give to function calls that carry none. */
    private static final Supplier<String> GEMINI_IDS = () -> "call_1";

    enum Dialect {
        OPENAI, GEMINI, RESPONSES;

        /** The provider's stream in OpenAI chat form, or null when it already is. */
        StreamConverter toChat() {
            return switch (this) {
                case OPENAI -> null;
                case GEMINI -> new GeminiToChatStream(GEMINI_IDS);
                case RESPONSES -> new ResponsesToChatStream();
            };
        }

        ObjectNode toChat(ObjectNode answer) {
            return switch (this) {
                case OPENAI -> answer;
                case GEMINI -> GeminiToChatResponse.convert(answer, GEMINI_IDS);
                case RESPONSES -> ResponsesToChatResponse.convert(answer);
            };
        }
    }

    /** One golden answer: its file name, dialect, and whether it is a stream. */
    record Answer(String file, Dialect dialect, boolean stream) {
        String sibling(String kind) {
            return file.replaceFirst("\\.(sse|json)$", "." + kind + (stream ? ".sse" : ".json"));
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** The OpenAI stream recordings, also split everywhere by {@code SplitAnywherePropertyTest}. */
    static List<String> openAiStreams() {
        return answers().filter(a -> a.stream() && a.dialect() == Dialect.OPENAI)
                .map(a -> a.file().replaceFirst("\\.sse$", "")).toList();
    }

    static Stream<Answer> answers() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(f -> f.getFileName().toString()).sorted()
                    .map(ANSWER::matcher).filter(Matcher::matches)
                    .map(m -> new Answer(m.group(0), Dialect.valueOf(m.group(1).toUpperCase()), m.group(3).equals("sse")))
                    .toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Answer> streams() {
        return answers().filter(Answer::stream);
    }

    static Stream<Answer> wholeAnswers() {
        return answers().filter(a -> !a.stream());
    }

    /* --------------- Streams --------------- */

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void aStreamReachesTheClientAsTheGoldenEvents(Answer answer) throws IOException {
        byte[] upstream = resource("wire/" + answer.file());
        StreamConverter toChat = answer.dialect().toChat();
        if (toChat != null) {
            matchesGolden(answer.sibling("chat"), WireTestKit.wire(WireTestKit.run(() -> toChat, upstream)));
        }
        Supplier<StreamConverter> converters = () -> {
            StreamConverter chat = answer.dialect().toChat();
            return chat == null ? newConverter() : chat.andThen(newConverter());
        };

        List<SseEvent> oneRead = WireTestKit.run(converters, upstream);
        AnthropicStreams.assertWellFormed(oneRead);
        matchesGolden(answer.sibling("anthropic"), WireTestKit.wire(oneRead));

        List<SseEvent> readPerEvent = WireTestKit.run(converters, upstream, eventEnds(upstream));
        assertThat(new String(WireTestKit.wire(readPerEvent), StandardCharsets.UTF_8)).as("one read per event")
                .isEqualTo(new String(WireTestKit.wire(oneRead), StandardCharsets.UTF_8));
    }

    /** The offsets just after each blank line, so every event arrives in a read of its own. */
    private static int[] eventEnds(byte[] upstream) {
        String text = new String(upstream, StandardCharsets.UTF_8);
        List<Integer> ends = new ArrayList<>();
        for (int i = text.indexOf("\n\n"); i >= 0; i = text.indexOf("\n\n", i + 2)) {
            ends.add(text.substring(0, i + 2).getBytes(StandardCharsets.UTF_8).length);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /* --------------- Whole answers --------------- */

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeAnswers")
    void aWholeAnswerReachesTheClientAsTheGoldenMessage(Answer answer) throws IOException {
        ObjectNode upstream = object(new String(resource("wire/" + answer.file()), StandardCharsets.UTF_8));
        ObjectNode chat = answer.dialect().toChat(upstream);
        if (answer.dialect() != Dialect.OPENAI) {
            matchesGolden(answer.sibling("chat"), chat);
        }
        matchesGolden(answer.sibling("anthropic"), ChatToAnthropicResponse.convert(chat));
    }

    /* --------------- Finish reasons, both transports --------------- */

    @Tag("ccr-11.8")
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"'\"stop\"', end_turn", "'\"length\"', max_tokens", "'\"tool_calls\"', tool_use",
            "'\"content_filter\"', stop_sequence", "null, end_turn", "'\"something_new\"', end_turn"})
    void finishReasonMapsTheSameStreamedAndWhole(String finish, String stopReason) {
        ObjectNode whole = ChatToAnthropicResponse.convert(object("""
                {"id":"x","model":"m","choices":[{"message":{"content":"a"},"finish_reason":%s}]}""".formatted(finish)));
        assertThat(whole.get("stop_reason").asText()).as("non-stream %s", finish).isEqualTo(stopReason);

        List<SseEvent> streamed = WireTestKit.run(WireMatrixTest::newConverter, """
                data: {"model":"m","choices":[{"delta":{"content":"a"},"finish_reason":%s}]}

                """.formatted(finish));
        AnthropicStreams.assertWellFormed(streamed);
        assertThat(json(streamed.get(streamed.size() - 2).data()).at("/delta/stop_reason").asText())
                .as("stream %s", finish).isEqualTo(stopReason);
    }

    /* --------------- Golden files --------------- */

    private static void matchesGolden(String name, byte[] actual) throws IOException {
        String text = withoutTodaysTimestamps(new String(actual, StandardCharsets.UTF_8));
        Path expected = DIR.resolve(name);
        if (Boolean.getBoolean("ccr.golden.update")) {
            Files.writeString(expected, text);
        }
        assertThat(expected).as("golden file %s", name).exists();
        assertThat(text).as(name).isEqualTo(Files.readString(expected));
    }

    private static void matchesGolden(String name, ObjectNode actual) throws IOException {
        String text = withoutTodaysTimestamps(WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
        Path expected = DIR.resolve(name);
        if (Boolean.getBoolean("ccr.golden.update")) {
            Files.writeString(expected, text + "\n");
        }
        assertThat(expected).as("golden file %s", name).exists();
        WireTestKit.assertJson(json(text), Files.readString(expected));
    }

    private static final Pattern CREATED = Pattern.compile("(\"created\" ?: ?)(\\d+)");

    /**
     * Zeroes a {@code created} stamp taken from the wall clock: the Gemini and Responses converters stamp chunks with
     * the time of conversion where the provider gives none. A time the provider gave (far from now) is kept.
     */
    private static String withoutTodaysTimestamps(String text) {
        long now = System.currentTimeMillis() / 1000;
        return CREATED.matcher(text).replaceAll(m -> Math.abs(Long.parseLong(m.group(2)) - now) < 86_400
                ? m.group(1) + "0" : m.group(0));
    }
}
