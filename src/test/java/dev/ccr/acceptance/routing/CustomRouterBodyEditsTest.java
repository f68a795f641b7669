package dev.ccr.acceptance.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.ccr.acceptance.ScriptedRouters.answer;
import static dev.ccr.acceptance.ScriptedRouters.request;
import static dev.ccr.acceptance.ScriptedRouters.routerConfig;
import static dev.ccr.acceptance.ScriptedRouters.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;

/** What a custom router changes in {@code req.body} reaches the upstream, even when it routes nothing. */
@Tag("ccr-11.36")
class CustomRouterBodyEditsTest {
    @Test
    void mutationsOfReqBodyReachTheUpstream() throws Exception {
        Path router = ScriptFiles.write("router.js", """
                module.exports = async function router(req) {
                  req.body.max_tokens = 100;
                  req.body.messages.push({ role: 'user', content: 'added by the router' });
                  return req.body.messages.length > 5 ? 'p,m2' : undefined;
                };
                """);
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(routerConfig(upstream, router))) {
            upstream.enqueue(answer());

            assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
            JsonNode sent = upstreamBody(upstream);
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(100);
            assertThat(sent.get("model").asText()).isEqualTo("m");
            assertThat(sent.get("messages").get(1).get("content").asText()).isEqualTo("added by the router");
        }
    }
}
