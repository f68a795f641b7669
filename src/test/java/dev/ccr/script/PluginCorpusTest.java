package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each plugin of the corpus in {@code plugins/} and {@code custom-router.example.js}, unchanged, through a real ccr. */
class PluginCorpusTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ANSWER = """
            {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""";

    static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse sse(String... events) {
        StringBuilder body = new StringBuilder();
        for (String event : events) {
            body.append("data: ").append(event).append("\n\n");
        }
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body + "data: [DONE]\n\n").build();
    }

    static Path corpus(String relative) {
        return Path.of("plugins", relative).toAbsolutePath();
    }

    /** A config with provider p (models m, m2, m3) using {@code plugin} (by name) with {@code options}. */
    static String config(MockWebServer upstream, Path plugin, String name, String options) {
        return """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2","m3"],"transformer":{"use":["%s"]}}],
                 "Router":{"default":"p,m"}, "transformers":[{"path":%s,"options":%s}], "SCRIPT_CONTEXTS": 1}
                """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), name, ScriptFiles.json(plugin), options);
    }

    static String request(String model, String text, boolean stream) {
        return """
                {"model":"%s","max_tokens":32000,"stream":%s,"thinking":{"type":"enabled","budget_tokens":2048},
                 "messages":[{"role":"user","content":[{"type":"text","text":"%s","cache_control":{"type":"ephemeral"}}]}]}
                """.formatted(model, stream, text);
    }

    static JsonNode body(RecordedRequest request) throws Exception {
        return JSON.readTree(request.getBody().utf8());
    }

    @Test
    void stripReasoningRemovesWhatStrictProvidersRejectAndCapsMaxTokens() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(config(upstream, corpus("strip-reasoning.js"), "strip-reasoning", "{\"max_tokens\":8192}"))) {
            upstream.enqueue(json(ANSWER));

            assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);
            JsonNode sent = body(upstream.takeRequest());
            assertThat(sent.has("reasoning")).isFalse();
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(8192);
            assertThat(sent.toString()).doesNotContain("cache_control");
        }
    }

    @Test
    void reasoningFieldRewritesTheStreamEventByEvent() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(config(upstream, corpus("reasoning-field.js"), "reasoning-field", "{}"))) {
            upstream.enqueue(sse(
                    "{\"model\":\"m\",\"choices\":[{\"delta\":{\"reasoning\":\"a\"}}]}",
                    "{\"choices\":[{\"delta\":{\"reasoning\":\"b\"}}]}",
                    "{\"choices\":[{\"delta\":{\"content\":\"X\"}}]}",
                    "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}"));

            HttpResponse<String> response = ccr.post("/v1/messages", request("claude-sonnet-4", "hi", true));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("\"thinking_delta\",\"thinking\":\"a\"")
                    .contains("\"thinking_delta\",\"thinking\":\"b\"")
                    .contains("\"text_delta\",\"text\":\"X\"")
                    .contains("event: message_stop");
        }
    }

    @Test
    void tokenAuthFetchesATokenOnceAndSendsItAsBearer() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); MockWebServer auth = Upstreams.mock()) {
            auth.enqueue(json("{\"access_token\":\"tok-1\",\"expires_in\":3600}"));
            String options = "{\"tokenUrl\":\"%s\",\"clientId\":\"cid\",\"clientSecret\":\"s3cret\"}".formatted(Upstreams.url(auth, "/token"));
            try (RunningRouter ccr = RunningRouter.start(config(upstream, corpus("token-auth.js"), "token-auth", options))) {
                upstream.enqueue(json(ANSWER));
                upstream.enqueue(json(ANSWER));

                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "again", false)).statusCode()).isEqualTo(200);

                RecordedRequest tokenRequest = auth.takeRequest();
                assertThat(tokenRequest.getBody().utf8()).isEqualTo("grant_type=client_credentials&client_id=cid&client_secret=s3cret");
                assertThat(tokenRequest.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
                assertThat(auth.getRequestCount()).isEqualTo(1);
                for (int i = 0; i < 2; i++) {
                    RecordedRequest sent = upstream.takeRequest();
                    assertThat(sent.getHeaders().values("Authorization")).containsExactly("Bearer tok-1");
                    assertThat(sent.getHeaders().get("X-Client-Id")).isEqualTo("cid");
                }
            }
        }
    }

    @Test
    void oauthCredsFileReadsTheTokenFromTheHomeFolder() throws Exception {
        Path home = ScriptFiles.folder();
        try (MockWebServer upstream = Upstreams.mock(); MockWebServer resource = Upstreams.mock()) {
            Files.createDirectories(home.resolve(".qwen"));
            Files.writeString(home.resolve(".qwen/oauth_creds.json"), """
                    {"access_token":"from-file","expiry_date":%d,"resource_url":"%s"}
                    """.formatted(System.currentTimeMillis() + 3_600_000, Upstreams.url(resource, "")));
            try (RunningRouter ccr = RunningRouter.start(config(upstream, corpus("oauth-creds-file.js"), "oauth-creds-file", "{}"),
                    Map.of("HOME", home.toString()))) {
                resource.enqueue(json(ANSWER));

                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);
                RecordedRequest sent = resource.takeRequest();
                assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
                assertThat(sent.getHeaders().values("Authorization")).containsExactly("Bearer from-file");
                assertThat(sent.getHeaders().get("User-Agent")).startsWith("ccr-plugin (");
                assertThat(upstream.getRequestCount()).isZero();
            }
        }
    }

    @Test
    void roundRobinKeysKeepsItsCounterBetweenCalls() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(config(upstream, corpus("round-robin-keys.js"), "round-robin-keys",
                     "{\"keys\":[\"a\",\"b\",\"c\"]}"))) {
            for (int i = 0; i < 4; i++) {
                upstream.enqueue(json(ANSWER));
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);
            }
            for (String expected : new String[] {"a:1", "b:2", "c:3", "a:4"}) {
                RecordedRequest sent = upstream.takeRequest();
                assertThat(sent.getHeaders().values("Authorization")).containsExactly("Bearer " + expected.split(":")[0]);
                assertThat(sent.getHeaders().get("x-request-number")).isEqualTo(expected.split(":")[1]);
            }
        }
    }

    @Test
    void systemPromptLoadsItsDependencyFromNodeModulesNextToIt() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start(config(upstream, corpus("system-prompt/index.js"), "system-prompt",
                     "{\"text\":\"Answer in {{language}}.\",\"language\":\"English\"}"))) {
            upstream.enqueue(json(ANSWER));

            assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);
            JsonNode sent = body(upstream.takeRequest());
            assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
            assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Answer in English.");
            assertThat(sent.at("/metadata/prompt_kit").asText()).isEqualTo("1.2.0");
            assertThat(sent.at("/metadata/request_id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
    }

    @Test
    void customRouterExampleRoutesByDirectiveAndThinkHardAndLeavesTheRestToTheBuiltInRules() throws Exception {
        Path example = Path.of("custom-router.example.js").toAbsolutePath();
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter ccr = RunningRouter.start("""
                     {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2","m3"]}],
                      "Router":{"default":"p,m","think":"p,m3"}, "CUSTOM_ROUTER_PATH": %s, "SCRIPT_CONTEXTS": 1}
                     """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), ScriptFiles.json(example)))) {
            for (int i = 0; i < 3; i++) {
                upstream.enqueue(json(ANSWER));
            }
            String plain = "{\"model\":\"claude-sonnet-4\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";

            ccr.post("/v1/messages", plain.formatted("[route: p,m2] hello"));
            JsonNode directed = body(upstream.takeRequest());
            assertThat(directed.get("model").asText()).isEqualTo("m2");
            assertThat(directed.at("/messages/0/content").asText()).isEqualTo("hello");

            ccr.post("/v1/messages", plain.formatted("please think hard about this"));
            assertThat(body(upstream.takeRequest()).get("model").asText()).isEqualTo("m3");

            ccr.post("/v1/messages", plain.formatted("hi"));
            assertThat(body(upstream.takeRequest()).get("model").asText()).isEqualTo("m");
        }
    }
}
