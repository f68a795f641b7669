package dev.ccr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The requests captured from Claude Code 2.1.332 (src/test/resources/wire/claude-code) reach an Anthropic provider
 * exactly as the client sent them: every field, the billing header, cache marks and beta flags included.
 */
class ClaudeCodeGoldenPassthroughTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,"
            + "context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,"
            + "thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24";

    @ParameterizedTest
    @ValueSource(strings = {"plain", "bash-round-trip", "read-round-trip", "tool-search-round-trip"})
    void anthropicProviderReceivesTheCapturedRequestUnchanged(String name) throws Exception {
        String captured = Files.readString(Path.of("src/test/resources/wire/claude-code/claude-code-2.1.332-" + name + ".json"));
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"anthropic","api_base_url":"%s","api_key":"k","models":["claude-opus-5-5"],
                       "transformer":{"use":["Anthropic"]}}],"Router":{"default":"anthropic,claude-opus-5-5"}}"""
                     .formatted(Upstreams.url(upstream, "/v1/messages")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .body("{\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{}}").build());

            router.post("/v1/messages?beta=true", captured, "anthropic-beta", BETAS, "anthropic-version", "2023-06-01");

            RecordedRequest received = upstream.takeRequest();
            assertThat(JSON.readTree(received.getBody().utf8())).isEqualTo(JSON.readTree(captured));
            assertThat(received.getHeaders().get("anthropic-beta")).isEqualTo(BETAS);
        }
    }
}
