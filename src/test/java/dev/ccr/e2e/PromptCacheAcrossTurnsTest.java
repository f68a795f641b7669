package dev.ccr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Providers with automatic prefix caching (DeepSeek, Kimi, GLM, Qwen, OpenAI) only hit when the rendered prompt
 * starts with bytes they have seen. A mock that caches exactly that way (tools first, then each message, as chat
 * templates render them) answers a 20-turn Claude Code session sent through ccr; every turn after the first must
 * reuse the previous prompt, and a second session whose billing header differs (another prompt or release) must
 * reuse the first session's system prompt and tools.
 */
class PromptCacheAcrossTurnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Providers cache in blocks (DeepSeek 64 tokens, OpenAI 128); 4 characters stand for a token here. */
    private static final int BLOCK_CHARS = 256;

    /** Remembers every prompt prefix it has served and reports the longest one a request starts with. */
    private static final class PrefixCachingProvider extends Dispatcher {
        private final List<String> seen = new ArrayList<>();

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            JsonNode body;
            try {
                body = JSON.readTree(request.getBody().utf8());
            } catch (Exception e) {
                return new MockResponse.Builder().code(400).build();
            }
            StringBuilder prompt = new StringBuilder(String.valueOf(body.get("tools")));
            body.path("messages").forEach(m -> prompt.append('\n').append(m));
            String rendered = prompt.toString();
            int common = 0;
            for (String earlier : seen) {
                common = Math.max(common, commonPrefix(earlier, rendered));
            }
            seen.add(rendered);
            long cachedTokens = (common / BLOCK_CHARS) * BLOCK_CHARS / 4;
            long promptTokens = rendered.length() / 4;
            String answer = """
                    {"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,
                      "tool_calls":[{"id":"call_%d","type":"function","function":{"name":"Bash",
                      "arguments":"{\\"command\\":\\"ls\\"}"}}]},"finish_reason":"tool_calls"}],
                     "usage":{"prompt_tokens":%d,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":%d}}}"""
                    .formatted(seen.size(), promptTokens, cachedTokens);
            return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(answer).build();
        }

        private static int commonPrefix(String a, String b) {
            int n = Math.min(a.length(), b.length());
            int i = 0;
            while (i < n && a.charAt(i) == b.charAt(i)) {
                i++;
            }
            return i;
        }
    }

    @Test
    void aTwentyTurnSessionHitsTheProvidersPrefixCacheOnEveryTurnAfterTheFirst() throws Exception {
        ObjectNode session = (ObjectNode) JSON.readTree(
                Path.of("src/test/resources/wire/claude-code/claude-code-2.1.332-plain.json").toFile());
        session.put("stream", false);
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Providers":[{"name":"deepseek","api_base_url":"%s","api_key":"k","models":["deepseek-chat"]}],
                      "Router":{"default":"deepseek,deepseek-chat"}}""".formatted(
                     Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.setDispatcher(new PrefixCachingProvider());

            List<Long> cacheReads = new ArrayList<>();
            List<Long> inputs = new ArrayList<>();
            for (int turn = 1; turn <= 20; turn++) {
                JsonNode answer = JSON.readTree(router.post("/v1/messages", session.toString()).body());
                cacheReads.add(answer.at("/usage/cache_read_input_tokens").asLong());
                inputs.add(answer.at("/usage/input_tokens").asLong() + answer.at("/usage/cache_read_input_tokens").asLong());
                nextTurn(session, answer, turn);
            }

            // 1. The first turn cannot hit; every later turn reuses (nearly) all of the previous prompt.
            assertThat(cacheReads.getFirst()).isZero();
            for (int turn = 2; turn <= 20; turn++) {
                assertThat(cacheReads.get(turn - 1)).as("turn %d", turn)
                        .isGreaterThan(inputs.get(turn - 2) - BLOCK_CHARS / 4 - 1);
            }
            // 2. Another session (a new prompt, so Claude Code's billing header hash differs) reuses the first one's
            //    system prompt and tools, about 45 KB, on its very first turn.
            ObjectNode other = (ObjectNode) JSON.readTree(
                    Path.of("src/test/resources/wire/claude-code/claude-code-2.1.332-read-round-trip.json").toFile());
            other.put("stream", false);
            JsonNode answer = JSON.readTree(router.post("/v1/messages", other.toString()).body());
            assertThat(answer.at("/usage/cache_read_input_tokens").asLong()).isGreaterThan(9_000);
        }
    }

    /** Appends the answer's tool call and a result for it, as Claude Code does after running the tool. */
    private static void nextTurn(ObjectNode session, JsonNode answer, int turn) {
        ArrayNode messages = (ArrayNode) session.get("messages");
        for (JsonNode message : messages) {
            if (message.get("content") instanceof ArrayNode blocks) {
                blocks.forEach(b -> ((ObjectNode) b).remove("cache_control")); // Claude Code moves its mark forward
            }
        }
        messages.addObject().put("role", "assistant").set("content", answer.get("content"));
        ObjectNode result = messages.addObject().put("role", "user").putArray("content").addObject();
        result.put("type", "tool_result").put("tool_use_id", answer.at("/content/0/id").asText())
                .put("content", "file" + turn + ".txt\n".repeat(turn)).putObject("cache_control").put("type", "ephemeral");
    }
}
