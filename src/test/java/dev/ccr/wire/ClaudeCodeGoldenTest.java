package dev.ccr.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.gemini.ChatToGeminiRequest;
import dev.ccr.wire.openai.AnthropicToChatRequest;
import dev.ccr.wire.openai.ChatRequestOptions;
import dev.ccr.wire.responses.ChatToResponsesRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests captured from Claude Code 2.1.332 run headless against ccr and a loopback mock
 * ({@code src/test/resources/wire/claude-code/}, paths and ids scrubbed; bench/claude-code-check.sh captures new ones),
 * each translated for every dialect and compared with the upstream body ccr must send. The Anthropic passthrough
 * is covered end to end in {@code e2e.ClaudeCodeGoldenPassthroughTest}.
 *
 * <p>To accept a deliberate change, run with {@code -Dccr.golden.update=true}, read the diff of the
 * {@code .expected} files, and commit them.
 */
class ClaudeCodeGoldenTest {

    private static final Path DIR = Path.of("src/test/resources/wire/claude-code");

    static Stream<Arguments> goldens() {
        return Stream.of("plain", "bash-round-trip", "read-round-trip", "tool-search-round-trip")
                .flatMap(name -> Stream.of("openai", "gemini", "responses").map(d -> Arguments.of(name, d)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("goldens")
    void capturedRequestIsTranslatedToTheExpectedUpstreamBody(String name, String dialect) throws IOException {
        ObjectNode captured = (ObjectNode) WireJson.MAPPER.readTree(
                DIR.resolve("claude-code-2.1.332-" + name + ".json").toFile());
        JsonNode upstream = translate(dialect).apply(captured);

        Path expected = DIR.resolve("claude-code-2.1.332-" + name + "." + dialect + ".expected.json");
        if (Boolean.getBoolean("ccr.golden.update")) {
            Files.writeString(expected, WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(upstream));
        }
        WireTestKit.assertJson(upstream, Files.readString(expected));

        String text = upstream.toString();
        assertThat(text).doesNotContain("x-anthropic-billing-header", "context_management", "safeguards",
                "defer_loading", "DeferredToolPlaceholder", "cache_control", "\"metadata\"", "device_id");
    }

    /** The routed model each dialect's provider serves (the pipeline sets it before converting). */
    private static UnaryOperator<JsonNode> translate(String dialect) {
        return body -> {
            ObjectNode anthropic = ((ObjectNode) body).deepCopy();
            anthropic.put("model", switch (dialect) {
                case "openai" -> "deepseek-chat";
                case "gemini" -> "gemini-2.5-pro";
                default -> "gpt-5";
            });
            ObjectNode chat = AnthropicToChatRequest.convert(anthropic, ChatRequestOptions.defaults());
            return switch (dialect) {
                case "openai" -> chat;
                case "gemini" -> ChatToGeminiRequest.convert(chat);
                default -> ChatToResponsesRequest.convert(chat);
            };
        };
    }
}
