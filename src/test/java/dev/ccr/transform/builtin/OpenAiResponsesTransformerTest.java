package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.transform.HeaderList;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiResponsesTransformerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI URL = URI.create("https://api.openai.com/v1/responses");

    private static Chains.Outcome run(String body, String contentType, String upstreamAnswer) throws Exception {
        HeaderList headers = HeaderList.EMPTY.with("Content-Type", "application/json").with("Authorization", "Bearer ok");
        return Chains.run("openai-responses", null, URL, "gpt-5-codex", headers, body, contentType, upstreamAnswer);
    }

    @Test
    void jsonRequestKeepsUrlAndHeadersAndTheAnswerComesBackAsAChatCompletion() throws Exception {
        Chains.Outcome outcome = run("""
                {"model":"gpt-5-codex","stream":false,"max_tokens":100,"temperature":1,
                 "messages":[{"role":"system","content":"sys"},{"role":"user","content":"hi"}]}""",
                "application/json", """
                {"id":"resp_1","object":"response","model":"gpt-5-codex","status":"completed",
                 "output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello"}]}],
                 "usage":{"input_tokens":3,"output_tokens":1}}""");

        assertThat(outcome.sent().url()).isEqualTo(URL);
        assertThat(outcome.sent().headers().get("authorization")).contains("Bearer ok");
        JsonNode sent = outcome.sent().body();
        assertThat(sent.get("instructions").asText()).isEqualTo("sys");
        assertThat(sent.at("/input/0/content/0/text").asText()).isEqualTo("hi");
        assertThat(sent.get("max_output_tokens").asInt()).isEqualTo(100);
        assertThat(sent.has("messages")).isFalse();
        assertThat(sent.has("temperature")).isFalse();

        JsonNode answer = JSON.readTree(outcome.answer());
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Hello");
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void streamingEventsComeBackAsChunks() throws Exception {
        Chains.Outcome outcome = run("""
                {"model":"gpt-5-codex","stream":true,"messages":[{"role":"user","content":"hi"}]}""",
                "text/event-stream", """
                event: response.created
                data: {"type":"response.created","response":{"id":"resp_2","model":"gpt-5-codex"}}

                event: response.output_text.delta
                data: {"type":"response.output_text.delta","delta":"Hel"}

                event: response.output_text.delta
                data: {"type":"response.output_text.delta","delta":"lo"}

                event: response.completed
                data: {"type":"response.completed","response":{"id":"resp_2","status":"completed","usage":{"input_tokens":3,"output_tokens":2}}}

                """);
        assertThat(outcome.sent().body().get("stream").asBoolean()).isTrue();
        List<String> data = outcome.answer().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data).hasSize(5);
        assertThat(JSON.readTree(data.get(0)).at("/choices/0/delta/content").asText()).isEqualTo("Hel");
        assertThat(JSON.readTree(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("lo");
        assertThat(JSON.readTree(data.get(2)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(JSON.readTree(data.get(3)).at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(data.get(4)).isEqualTo("[DONE]");
    }
}
