package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderInfo;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformContext;
import dev.ccr.transform.TransformerChain;
import dev.ccr.transform.TransformerRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiResponsesTransformerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI URL = URI.create("https://api.openai.com/v1/responses");

    private record Outcome(ProviderRequest sent, String answer) {
    }

    private static Outcome run(String body, String contentType, String upstreamAnswer) throws Exception {
        AtomicReference<ProviderRequest> captured = new AtomicReference<>();
        HeaderList headers = HeaderList.EMPTY.with("Content-Type", "application/json").with("Authorization", "Bearer ok");
        ProviderResponse response = TransformerChain.run(
                List.of(TransformerRegistry.withBuiltins().create("openai-responses", MissingNode.getInstance()).orElseThrow()),
                new ProviderRequest(URL, headers, (ObjectNode) JSON.readTree(body), Duration.ofSeconds(1)),
                new TransformContext(new ProviderInfo("o", URL, "ok", List.of("gpt-5-codex")),
                        "gpt-5-codex", "default", JSON.createObjectNode(), Map.of()),
                r -> {
                    captured.set(r);
                    return new ProviderResponse(200, HeaderList.EMPTY.with("Content-Type", contentType),
                            new ByteArrayInputStream(upstreamAnswer.getBytes(StandardCharsets.UTF_8)));
                });
        return new Outcome(captured.get(), new String(response.readAll(), StandardCharsets.UTF_8));
    }

    @Test
    void jsonRequestKeepsUrlAndHeadersAndTheAnswerComesBackAsAChatCompletion() throws Exception {
        Outcome outcome = run("""
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
        Outcome outcome = run("""
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
