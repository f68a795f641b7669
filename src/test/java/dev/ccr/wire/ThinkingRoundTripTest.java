package dev.ccr.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.anthropic.AnthropicToChatResponse;
import dev.ccr.wire.anthropic.AnthropicToChatStream;
import dev.ccr.wire.anthropic.MessageAsEvents;
import dev.ccr.wire.gemini.ChatToGeminiResponse;
import dev.ccr.wire.gemini.ChatToGeminiStream;
import dev.ccr.wire.gemini.GeminiToChatRequest;
import dev.ccr.wire.openai.ChatToAnthropicRequest;
import dev.ccr.wire.responses.ChatToResponsesResponse;
import dev.ccr.wire.responses.ChatToResponsesStream;
import dev.ccr.wire.responses.ResponsesToChatRequest;
import dev.ccr.wire.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed thinking block survives a Responses or Gemini client's round trip: packed into the field the client keeps
 * ({@code encrypted_content}, {@code thoughtSignature}), it comes back first in the assistant turn whose tool call the
 * client answers, as Anthropic requires with thinking on. Without it, thinking is left off for that request.
 */
class ThinkingRoundTripTest {
    private static final String ANSWER = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
             "content":[{"type":"thinking","thinking":"Need the weather.","signature":"sig-123"},
                        {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Oslo"}}],
             "stop_reason":"tool_use","usage":{"input_tokens":40,"output_tokens":15}}""";

    private static List<SseEvent> streamed(StreamConverter converter) {
        List<SseEvent> out = new ArrayList<>();
        MessageAsEvents.of(object(ANSWER)).forEach(e -> converter.accept(out::add, e));
        converter.atEnd(out::add);
        return out;
    }

    private static void assertThinkingComesBackFirst(ObjectNode anthropic) {
        JsonNode assistant = anthropic.at("/messages/1");
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.at("/content/0/type").asText()).isEqualTo("thinking");
        assertThat(assistant.at("/content/0/thinking").asText()).isEqualTo("Need the weather.");
        assertThat(assistant.at("/content/0/signature").asText()).isEqualTo("sig-123");
        assertThat(assistant.at("/content/1/id").asText()).isEqualTo("toolu_1");
        assertThat(anthropic.at("/thinking/type").asText()).isEqualTo("enabled");
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void throughResponsesEncryptedContent(boolean stream) {
        JsonNode response = stream
                ? object(streamed(new AnthropicToChatStream().andThen(new ChatToResponsesStream(1L))).getLast().data())
                        .path("response")
                : ChatToResponsesResponse.convert(AnthropicToChatResponse.convert(object(ANSWER)), 1L);
        ObjectNode request = object("""
                {"model":"gpt-5-codex","reasoning":{"effort":"medium"},
                 "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}],
                 "input":[{"type":"message","role":"user","content":"Weather?"}]}""");
        ArrayNode input = (ArrayNode) request.get("input");
        response.path("output").forEach(input::add);
        input.addObject().put("type", "function_call_output").put("call_id", "toolu_1").put("output", "3C");

        assertThinkingComesBackFirst(ChatToAnthropicRequest.convert(ResponsesToChatRequest.convert(request)));
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void throughGeminiThoughtSignature(boolean stream) {
        ArrayNode modelParts = WireJson.NODES.arrayNode();
        if (stream) {
            streamed(new AnthropicToChatStream().andThen(new ChatToGeminiStream()))
                    .forEach(e -> object(e.data()).at("/candidates/0/content/parts").forEach(modelParts::add));
        } else {
            ChatToGeminiResponse.convert(AnthropicToChatResponse.convert(object(ANSWER)))
                    .at("/candidates/0/content/parts").forEach(modelParts::add);
        }
        ObjectNode request = object("""
                {"generationConfig":{"thinkingConfig":{"thinkingBudget":4096}},
                 "tools":[{"functionDeclarations":[{"name":"get_weather"}]}],
                 "contents":[{"role":"user","parts":[{"text":"Weather?"}]}]}""");
        ArrayNode contents = (ArrayNode) request.get("contents");
        contents.addObject().put("role", "model").set("parts", modelParts);
        contents.add(object("""
                {"role":"user","parts":[{"functionResponse":{"id":"toolu_1","name":"get_weather","response":{"t":"3C"}}}]}"""));

        assertThinkingComesBackFirst(ChatToAnthropicRequest.convert(GeminiToChatRequest.convert(request, "m", false)));
    }

    @Test
    void withoutTheSignedBlockThinkingStaysOffForTheToolResult() {
        ObjectNode anthropic = ChatToAnthropicRequest.convert(object("""
                {"model":"m","reasoning_effort":"high","messages":[{"role":"user","content":"Weather?"},
                  {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"3C"}]}"""));
        assertThat(anthropic.has("thinking")).isFalse();
        assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(ChatToAnthropicRequest.DEFAULT_MAX_TOKENS);
        assertThat(ThinkingToken.decode("gAAAAAB-openai-encrypted")).isEmpty();
        assertThat(ThinkingToken.decode("ccr1.!!!")).isEmpty();
    }
}
