package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code tooluse}: the request side and both answer forms, through a real chain. */
class ToolUseTransformerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestGetsTheReminderAndWithToolsAnExitToolAndRequiredChoice() throws Exception {
        Chains.Outcome withTools = Chains.run("tooluse", null,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"Read\"}}]}",
                "application/json", "{}");
        JsonNode sent = withTools.sent().body();
        assertThat(sent.at("/messages/1/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/1/content").asText()).startsWith("<system-reminder>Tool mode is active.");
        assertThat(sent.get("tool_choice").asText()).isEqualTo("required");
        assertThat(sent.at("/tools/1/function/name").asText()).isEqualTo("ExitTool");
        assertThat(sent.at("/tools/1/function/parameters/required/0").asText()).isEqualTo("response");

        JsonNode noTools = Chains.run("tooluse", null, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "application/json", "{}").sent().body();
        assertThat(noTools.at("/messages/1/role").asText()).isEqualTo("system");
        assertThat(noTools.has("tool_choice")).isFalse();
        assertThat(noTools.has("tools")).isFalse();
    }

    @Test
    void jsonExitToolCallBecomesText() throws Exception {
        String answer = Chains.run("tooluse", null, "{\"messages\":[]}", "application/json", """
                {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                 "tool_calls":[{"id":"c1","type":"function","function":{"name":"ExitTool","arguments":"{\\"response\\":\\"Hello there\\"}"}}]}}]}""")
                .answer();
        JsonNode out = JSON.readTree(answer);
        assertThat(out.at("/choices/0/message/content").asText()).isEqualTo("Hello there");
        assertThat(out.at("/choices/0/message").has("tool_calls")).isFalse();
        assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void streamedExitToolIsHeldUntilItParsesThenSentAsTextOtherToolsUntouched() throws Exception {
        String answer = Chains.run("tooluse", null, "{\"messages\":[]}", "text/event-stream", Chains.sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"ExitTool\",\"arguments\":\"\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"respo\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"nse\\\":\\\"Hi!\\\"}\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                "[DONE]")).answer();
        assertThat(answer).doesNotContain("ExitTool").doesNotContain("tool_calls\":[");
        assertThat(Chains.contents(answer)).containsExactly("Hi!");
        assertThat(answer).contains("\"finish_reason\":\"stop\"").contains("data: [DONE]");

        String other = Chains.run("tooluse", null, "{\"messages\":[]}", "text/event-stream", Chains.sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{\\\"a\\\"\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}")).answer();
        assertThat(other).contains("\"name\":\"Read\"").contains(":1}").contains("\"finish_reason\":\"tool_calls\"");
    }
}
