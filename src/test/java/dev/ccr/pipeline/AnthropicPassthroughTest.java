package dev.ccr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.ControlledSseUpstream;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import dev.ccr.wire.WireJson;
import dev.ccr.wire.anthropic.AnthropicCompat;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Passthrough against a real local upstream: what it is sent, and streaming at a pace the test controls. */
class AnthropicPassthroughTest {
    private static final String FIRST = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-up","usage":{"input_tokens":3,"output_tokens":1}}}

            """;
    private static final String REST = """
            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

            event: message_stop
            data: {"type":"message_stop"}

            """;
    private static final String PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n";

    private static String config(String url) {
        return """
                {"Providers":[{"name":"anth","api_base_url":"%s","api_key":"pk","models":["claude-up"],
                  "transformer":{"use":["Anthropic"]}}],"Router":{"default":"anth,claude-up"}}""".formatted(url);
    }

    @Test
    void theFirstEventReachesTheClientWhileTheUpstreamIsStillSending() throws Exception {
        try (ControlledSseUpstream upstream = ControlledSseUpstream.stepped(FIRST, REST);
             RunningRouter router = RunningRouter.start(config(upstream.url("/v1/messages")))) {
            HttpResponse<InputStream> response = router.postStreaming("/v1/messages", AnthropicSamples.request("x", true));
            BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

            // 1. The upstream has sent message_start and is now holding the rest back.
            assertThat(reader.readLine()).isEqualTo("event: message_start");
            assertThat(reader.readLine()).startsWith("data: {\"type\":\"message_start\"");
            // 2. Only now does the upstream finish.
            upstream.releaseRest();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).isEqualTo("\n" + REST);
        }
    }

    @Test
    void aClientThatDisconnectsCancelsTheUpstreamCall() throws Exception {
        try (ControlledSseUpstream upstream = ControlledSseUpstream.endless(PING);
             RunningRouter router = RunningRouter.start(config(upstream.url("/v1/messages")))) {
            HttpResponse<InputStream> response = router.postStreaming("/v1/messages", AnthropicSamples.request("x", true));
            InputStream body = response.body();
            assertThat(new String(body.readNBytes(PING.length()), StandardCharsets.UTF_8)).isEqualTo(PING);

            body.close(); // the client goes away mid-stream

            assertThat(upstream.awaitClientGone(3_000)).as("upstream saw its connection closed").isTrue();
        }
    }

    @Test
    void anAttemptsEditsOfItsCopyLeaveTheRequestAsTheClientSentIt() throws Exception {
        ObjectNode request = (ObjectNode) WireJson.MAPPER.readTree("""
                {"model":"claude-sonnet-4-5","context_management":{"edits":[]},
                 "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2"},{"type":"text","text":"Be brief."}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]}""");
        JsonNode asSent = request.deepCopy();

        AnthropicCompat.Strip strip = new AnthropicCompat.Strip(Set.of("context_management"), Set.of(), true);
        ObjectNode copy = AnthropicPassthrough.editableCopy(request, strip);
        strip.applyTo(copy, Optional.empty());
        copy.put("model", "glm-5").put("stream", false);

        assertThat(request).isEqualTo(asSent);
        assertThat(copy.has("context_management")).isFalse();
        assertThat(copy.get("system")).hasSize(1);
        assertThat(copy.get("messages")).isSameAs(request.get("messages")); // shared, not copied
        assertThat(AnthropicPassthrough.editableCopy(request, AnthropicCompat.Strip.NOTHING).get("system"))
                .as("system is copied only when a block is taken out of it").isSameAs(request.get("system"));
    }

    @Test
    void theConversationGoesOutInTheClientsOwnBytesAndRoutingsEditsAreWrittenIn() throws Exception {
        String messages = "[ {\"role\": \"user\",  \"content\": \"caf\\u00e9\"} ]";
        String tools = "[{\"name\": \"Bash\", \"input_schema\": {\"type\": \"object\"}}]";
        String body = """
                {"model": "claude-sonnet-4-5", "max_tokens": 100, "messages": %s, "tools": %s,
                 "system": [{"type": "text", "text": "You are Claude Code."},
                            {"type": "text", "text": "<CCR-SUBAGENT-MODEL>anth,claude-sub</CCR-SUBAGENT-MODEL>Search."}]}"""
                .formatted(messages, tools);
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(config(Upstreams.url(upstream, "/v1/messages"))
                     .replace("\"models\":[\"claude-up\"]", "\"models\":[\"claude-up\",\"claude-sub\"]"))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                    .body(AnthropicSamples.MESSAGE).build());

            assertThat(router.post("/v1/messages", body).statusCode()).isEqualTo(200);

            String sent = upstream.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
            assertThat(sent).contains("\"messages\":" + messages).contains("\"tools\":" + tools)
                    .contains("\"model\":\"claude-sub\"")
                    .contains("\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\"},"
                            + "{\"type\":\"text\",\"text\":\"Search.\"}]");
            assertThat(WireJson.MAPPER.readTree(sent).path("stream").asBoolean(true)).isFalse();
        }
    }
}
