package dev.ccr.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static dev.ccr.routing.RoutingFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's previous answer saw more than the threshold, so a request above 20000 tokens goes
 * to long context too. End to end: the usage is read from the relayed stream and remembered per session.
 */
@Tag("ccr-11.31")
class SessionLastUsageTest {
    private static final String STREAM_WITH_LARGE_USAGE = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","usage":{"input_tokens":1,"output_tokens":1}}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":70000,"output_tokens":5}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    static ObjectNode inSession(ObjectNode body, String session) {
        body.putObject("metadata").put("user_id", "user_abc_account__session_" + session);
        return body;
    }

    @Test
    void aSessionWhoseLastAnswerWasLongStaysOnLongContext() {
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\",\"longContext\":\"p,m2\"}")) {
            // 1. the session's first answer reports 70000 input tokens
            assertThat(ccr.send(inSession(claudeCode("claude-sonnet-5"), "S1").toString(),
                    new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(STREAM_WITH_LARGE_USAGE).build())
                    .path("model").asText()).isEqualTo("m");

            // 2. 25000 tokens now: above 20000, so the last usage counts
            assertThat(ccr.routedModel(withTokens(inSession(claudeCode("claude-sonnet-5"), "S1"), 25_000).toString())).isEqualTo("m2");
            // 3. 15000 tokens: too small for the last-usage rule
            assertThat(ccr.routedModel(withTokens(inSession(claudeCode("claude-sonnet-5"), "S1"), 15_000).toString())).isEqualTo("m");
            // 4. another session knows nothing of S1's usage
            assertThat(ccr.routedModel(withTokens(inSession(claudeCode("claude-sonnet-5"), "S2"), 25_000).toString())).isEqualTo("m");
        }
    }

    @Test
    void theLastUsageOfAnOpenAiProviderCountsToo() throws Exception {
        try (mockwebserver3.MockWebServer upstream = dev.ccr.testing.Upstreams.mock();
             dev.ccr.testing.RunningRouter router = dev.ccr.testing.RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"]}],
                      "Router":{"default":"p,m","longContext":"p,m2"}}""".formatted(dev.ccr.testing.Upstreams.url(upstream, "/v1/chat/completions")))) {
            String answer = """
                    {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":70000,"completion_tokens":2}}""";
            for (int i = 0; i < 2; i++) {
                upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(answer).build());
            }
            ObjectNode first = inSession(claudeCode("claude-sonnet-5"), "S9");
            first.put("stream", false);
            assertThat(router.post("/v1/messages", first.toString()).statusCode()).isEqualTo(200);
            assertThat(dev.ccr.routing.RoutingFixtures.parse(upstream.takeRequest().getBody().utf8()).path("model").asText()).isEqualTo("m");

            ObjectNode second = withTokens(inSession(claudeCode("claude-sonnet-5"), "S9"), 25_000);
            second.put("stream", false);
            assertThat(router.post("/v1/messages", second.toString()).statusCode()).isEqualTo(200);
            assertThat(dev.ccr.routing.RoutingFixtures.parse(upstream.takeRequest().getBody().utf8()).path("model").asText()).isEqualTo("m2");
        }
    }

    @Test
    void theExplanationSaysTheLastUsageDecided() throws Exception {
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\",\"longContext\":\"p,m2\"}")) {
            ccr.send(inSession(claudeCode("claude-sonnet-5"), "S1").toString(),
                    new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(STREAM_WITH_LARGE_USAGE).build());

            var response = ccr.router().post("/api/route/explain", withTokens(inSession(claudeCode("claude-sonnet-5"), "S1"), 25_000).toString());

            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
            assertThat(json.path("target").asText()).isEqualTo("p,m2");
            assertThat(json.path("rule").asText()).isEqualTo("long-context");
            assertThat(json.at("/trace/0/reason").asText()).contains("S1 from metadata.user_id").contains("its last answer saw 70000 prompt tokens");
            assertThat(ccr.requestCount()).isEqualTo(1);
        }
    }
}
