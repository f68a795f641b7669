package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code forcereasoning}. */
class ForceReasoningTransformerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestAsksForTheTagAndMovesEarlierThinkingIntoIt() throws Exception {
        JsonNode sent = Chains.run("forcereasoning", null, """
                {"messages":[{"role":"user","content":"q1"},
                 {"role":"assistant","content":"a1","thinking":{"content":"t1","signature":"s"}},
                 {"role":"user","content":"q2"}]}""", "application/json", "{}").sent().body();
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("<reasoning_content>t1</reasoning_content>\na1");
        assertThat(sent.at("/messages/1").has("thinking")).isFalse();
        assertThat(sent.at("/messages/2/content/0/text").asText()).startsWith("Always think before answering.");
        assertThat(sent.at("/messages/2/content/1/text").asText()).isEqualTo("q2");

        JsonNode afterTool = Chains.run("forcereasoning", null,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"r\"}]}",
                "application/json", "{}").sent().body();
        assertThat(afterTool.at("/messages/2/role").asText()).isEqualTo("user");
        assertThat(afterTool.at("/messages/2/content/0/text").asText()).startsWith("Always think");
    }

    @Test
    void streamedTagBecomesThinkingThenSignatureThenText() throws Exception {
        String answer = Chains.run("forcereasoning", null, "{\"messages\":[]}", "text/event-stream", Chains.sse(
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"<reasoning_\"}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"content>step one, \"}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"step two</reason\"}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ing_content>\\n\\nThe \"}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"answer.\"}}]}",
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                "[DONE]")).answer();
        List<JsonNode> chunks = Chains.chunks(answer);
        String thinking = chunks.stream().map(c -> c.at("/choices/0/delta/thinking/content")).filter(JsonNode::isTextual)
                .map(JsonNode::asText).reduce("", String::concat);
        assertThat(thinking).isEqualTo("step one, step two");
        List<JsonNode> signatures = chunks.stream().map(c -> c.at("/choices/0/delta/thinking/signature"))
                .filter(JsonNode::isTextual).toList();
        assertThat(signatures).hasSize(1);
        assertThat(String.join("", Chains.contents(answer))).isEqualTo("The answer.");
        assertThat(answer).doesNotContain("reasoning_content>").endsWith("data: [DONE]\n\n");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void streamWithoutTheTagIsPlainTextAndAnUnclosedTagIsClosedAtTheFinish() throws Exception {
        String plain = Chains.run("forcereasoning", null, "{\"messages\":[]}", "text/event-stream", Chains.sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}")).answer();
        assertThat(Chains.contents(plain)).containsExactly("Hello");

        String open = Chains.run("forcereasoning", null, "{\"messages\":[]}", "text/event-stream", Chains.sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<reasoning_content>hmm</reasoning\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}")).answer();
        List<JsonNode> chunks = Chains.chunks(open);
        assertThat(chunks.stream().map(c -> c.at("/choices/0/delta/thinking/content").asText("")).reduce("", String::concat))
                .isEqualTo("hmm</reasoning");
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/delta/thinking/signature").isTextual()).isTrue();
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void jsonTagBecomesMessageThinking() throws Exception {
        JsonNode out = JSON.readTree(Chains.run("forcereasoning", null, "{\"messages\":[]}", "application/json", """
                {"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
                 "content":"<reasoning_content>why</reasoning_content>\\nBecause."}}]}""").answer());
        assertThat(out.at("/choices/0/message/thinking/content").asText()).isEqualTo("why");
        assertThat(out.at("/choices/0/message/content").asText()).isEqualTo("Because.");
    }
}
