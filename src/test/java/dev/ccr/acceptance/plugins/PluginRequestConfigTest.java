package dev.ccr.acceptance.plugins;

import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.ccr.acceptance.ScriptedRouters.answer;
import static dev.ccr.acceptance.ScriptedRouters.pluginConfig;
import static dev.ccr.acceptance.ScriptedRouters.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code transformRequestIn} answering {@code {body, config: {url, headers}}} sends the request to that
 * URL with those headers; {@code undefined} removes a header. ccr matches header names ignoring case, so lower-case
 * {@code authorization: undefined} removes the default {@code Authorization} too (CCR keeps it: documented deviation).
 */
@Tag("ccr-11.56")
class PluginRequestConfigTest {
    static Path plugin(String otherUrl, String authorizationKey) {
        return ScriptFiles.write("redirect.js", """
                module.exports = class {
                  constructor() { this.name = 'redirect'; }
                  async transformRequestIn(body) {
                    return { body, config: { url: new URL('%s'), headers: { 'api-key': 'k2', %s: undefined } } };
                  }
                };
                """.formatted(otherUrl, authorizationKey));
    }

    @Test
    void configUrlAndHeadersRedirectTheRequestAndUndefinedRemovesAHeader() throws Exception {
        for (String key : new String[] {"Authorization", "authorization"}) {
            try (MockWebServer upstream = Upstreams.mock(); MockWebServer other = Upstreams.mock()) {
                Path plugin = plugin(Upstreams.url(other, "/x"), key);
                try (RunningRouter ccr = RunningRouter.start(pluginConfig(upstream, "{\"use\":[\"redirect\"]}", plugin))) {
                    other.enqueue(answer());

                    assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi")).statusCode()).isEqualTo(200);
                    RecordedRequest sent = other.takeRequest();
                    assertThat(sent.getUrl().encodedPath()).isEqualTo("/x");
                    assertThat(sent.getHeaders().get("api-key")).isEqualTo("k2");
                    assertThat(sent.getHeaders().get("Authorization")).as("with %s: undefined", key).isNull();
                    assertThat(upstream.getRequestCount()).isZero();
                }
            }
        }
    }
}
