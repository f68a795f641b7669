package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.transform.HeaderList;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiTransformerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI BASE = URI.create("https://generativelanguage.googleapis.com/v1beta/models/");

    private static Chains.Outcome run(URI base, HeaderList headers, String body, String contentType, String upstreamAnswer) throws Exception {
        return Chains.run("gemini", null, base, "gemini-2.5-pro", headers, body, contentType, upstreamAnswer);
    }

    @Test
    void jsonRequestGoesToGenerateContentWithTheGoogleKeyHeader() throws Exception {
        HeaderList headers = HeaderList.EMPTY.with("Content-Type", "application/json").with("Authorization", "Bearer gk");
        Chains.Outcome outcome = run(BASE, headers, """
                {"model":"gemini-2.5-pro","stream":false,"max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""",
                "application/json; charset=UTF-8", """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1},"modelVersion":"gemini-2.5-pro"}""");

        assertThat(outcome.sent().url().toString())
                .isEqualTo("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent");
        assertThat(outcome.sent().headers().get("x-goog-api-key")).contains("gk");
        assertThat(outcome.sent().headers().get("authorization")).isEmpty();
        assertThat(outcome.sent().headers().get("content-type")).contains("application/json");
        assertThat(outcome.sent().body().at("/contents/0/parts/0/text").asText()).isEqualTo("hi");
        assertThat(outcome.sent().body().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(100);
        assertThat(outcome.sent().body().has("messages")).isFalse();

        JsonNode answer = JSON.readTree(outcome.answer());
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Hello");
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void streamingRequestGoesToStreamGenerateContentAndEventsComeBackAsChunks() throws Exception {
        Chains.Outcome outcome = run(URI.create("http://127.0.0.1:9/v1beta/models"), HeaderList.EMPTY, """
                {"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"hi"}]}""",
                "text/event-stream", """
                data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}]}

                data: {"candidates":[{"content":{"role":"model","parts":[{"text":"lo"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":2}}

                """);
        // a missing trailing slash is tolerated; without an Authorization header the provider's key is used
        assertThat(outcome.sent().url().toString())
                .isEqualTo("http://127.0.0.1:9/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(outcome.sent().headers().get("x-goog-api-key")).contains("provider-key");

        List<String> data = outcome.answer().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data).hasSize(4);
        assertThat(JSON.readTree(data.get(0)).at("/choices/0/delta/content").asText()).isEqualTo("Hel");
        assertThat(JSON.readTree(data.get(1)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(JSON.readTree(data.get(2)).at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(data.get(3)).isEqualTo("[DONE]");
    }
}
