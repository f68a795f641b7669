package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code enhancetool}: repaired tool arguments, once per tool. */
@Tag("ccr-11.61")
class EnhanceToolTransformerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void repairKeepsValidJsonReadsLenientJsonAndFallsBackToEmptyObject() {
        assertThat(ToolArguments.repair("{\"a\": 1}")).isEqualTo("{\"a\": 1}");
        assertThat(ToolArguments.repair("{a: 'x', b: [1,2,],}")).isEqualTo("{\"a\":\"x\",\"b\":[1,2]}");
        assertThat(ToolArguments.repair("{\"a\": ")).isEqualTo("{}");
        assertThat(ToolArguments.repair("")).isEqualTo("{}");
    }

    @Test
    void streamEmitsEachToolOnceWithRepairedArguments() throws Exception {
        String answer = Chains.run("enhancetool", null, "{\"messages\":[]}", "text/event-stream", Chains.sse(
                "{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Let me look.\"}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{file: \"}}]}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"'a.txt',}\"}}]}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"cmd\\\":\"}}]}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"ls\\\"}\"}}]}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                "[DONE]")).answer();
        List<JsonNode> chunks = Chains.chunks(answer);
        List<JsonNode> calls = chunks.stream().map(c -> c.at("/choices/0/delta/tool_calls/0")).filter(JsonNode::isObject).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).at("/function/name").asText()).isEqualTo("Read");
        assertThat(calls.get(0).get("id").asText()).isEqualTo("c1");
        assertThat(calls.get(0).at("/function/arguments").asText()).isEqualTo("{\"file\":\"a.txt\"}");
        assertThat(calls.get(1).at("/function/name").asText()).isEqualTo("Bash");
        assertThat(calls.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(calls.get(1).at("/function/arguments").asText()).isEqualTo("{\"cmd\":\"ls\"}");
        assertThat(Chains.contents(answer)).containsExactly("Let me look.");
        // Both tools come before the finish reason, which still arrives, and [DONE] after it.
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(chunks.get(1).get("id").asText()).isEqualTo("x");
        assertThat(answer).endsWith("data: [DONE]\n\n");
    }

    @Test
    void jsonArgumentsAreRepaired() throws Exception {
        String answer = Chains.run("enhancetool", null, "{\"messages\":[]}", "application/json", """
                {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
                 "tool_calls":[{"id":"c1","type":"function","function":{"name":"Read","arguments":"{path: 'x',}"}},
                               {"id":"c2","type":"function","function":{"name":"Read","arguments":"not json"}}]}}]}""").answer();
        JsonNode out = JSON.readTree(answer);
        assertThat(out.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo("{\"path\":\"x\"}");
        assertThat(out.at("/choices/0/message/tool_calls/1/function/arguments").asText()).isEqualTo("{}");
    }
}
