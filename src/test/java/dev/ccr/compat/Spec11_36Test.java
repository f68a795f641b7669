package dev.ccr.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §11 item 36: what a custom router changes in {@code req.body} reaches the upstream, even when it routes nothing. */
class Spec11_36Test {
    @Test
    void item36_mutationsOfReqBodyReachTheUpstream() throws Exception {
        Path router = ScriptFiles.write("router.js", """
                module.exports = async function router(req) {
                  req.body.max_tokens = 100;
                  req.body.messages.push({ role: 'user', content: 'added by the router' });
                  return req.body.messages.length > 5 ? 'p,m2' : undefined;
                };
                """);
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(Spec11_34Test.config(upstream, router))) {
            upstream.enqueue(Spec11_34Test.answer());

            assertThat(ccr.post("/v1/messages", Spec11_34Test.request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
            JsonNode sent = Spec11_34Test.upstreamBody(upstream);
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(100);
            assertThat(sent.get("model").asText()).isEqualTo("m");
            assertThat(sent.get("messages").get(1).get("content").asText()).isEqualTo("added by the router");
        }
    }
}
