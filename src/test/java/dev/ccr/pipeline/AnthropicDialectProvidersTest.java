package dev.ccr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.testing.AnthropicSamples;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import java.net.http.HttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Servers of Anthropic's dialect that are not Anthropic (DeepSeek, Kimi, GLM, MiniMax…): what they are sent of
 * Claude Code's request, and how a refusal that names a beta flag or a field is tried once more without it and
 * remembered for the provider. Known hosts are reached through ccr's HTTP proxy, a MockWebServer that sees the
 * request as the named host would.
 */
class AnthropicDialectProvidersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24,"
            + "context-management-2025-06-27,afk-mode-2026-01-31";
    private static final String REQUEST = """
            {"model":"x","max_tokens":1000,"stream":false,
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.332.0b8;"},
                       {"type":"text","text":"You are Claude Code."}],
             "messages":[{"role":"user","content":"hi"}],
             "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
             "safeguards":[{"type":"dangerous_tool_use"}],
             "output_config":{"effort":"medium"},"thinking":{"type":"adaptive"}}""";

    private static String viaProxy(MockWebServer proxy, String apiBaseUrl) {
        return """
                {"PROXY_URL":"http://127.0.0.1:%d",
                 "Providers":[{"name":"ds","api_base_url":"%s","api_key":"k","models":["m"],
                   "transformer":{"use":["Anthropic"]}}],
                 "Router":{"default":"ds,m"}}""".formatted(proxy.getPort(), apiBaseUrl);
    }

    private static String direct(MockWebServer upstream) {
        return """
                {"Providers":[{"name":"ds","api_base_url":"%s","api_key":"k","models":["m"],
                   "transformer":{"use":["Anthropic"]}}],
                 "Router":{"default":"ds,m"}}""".formatted(Upstreams.url(upstream, "/anthropic/v1/messages"));
    }

    private static MockResponse answer() {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(AnthropicSamples.MESSAGE).build();
    }

    private static MockResponse refusal(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static HttpResponse<String> send(RunningRouter router) {
        return router.post("/v1/messages?beta=true", REQUEST, "anthropic-beta", BETAS, "anthropic-version", "2023-06-01");
    }

    private static JsonNode body(RecordedRequest received) throws Exception {
        return JSON.readTree(received.getBody().utf8());
    }

    private static JsonNode refusals(RunningRouter router) throws Exception {
        return JSON.readTree(router.get("/api/health").body()).path("refusals");
    }

    /* --------------- Stripped before sending --------------- */

    @Test
    void aKnownProviderIsSentNeitherAnthropicOnlyFieldsAndFlagsNorTheBillingHeader() throws Exception {
        try (MockWebServer proxy = Upstreams.mock();
             RunningRouter router = RunningRouter.start(viaProxy(proxy, "http://api.deepseek.com/anthropic/v1/messages"))) {
            proxy.enqueue(answer());

            assertThat(send(router).statusCode()).isEqualTo(200);

            RecordedRequest received = proxy.takeRequest();
            assertThat(received.getRequestLine()).isEqualTo("POST http://api.deepseek.com/anthropic/v1/messages HTTP/1.1");
            JsonNode sent = body(received);
            assertThat(sent.has("context_management")).isFalse();
            assertThat(sent.has("safeguards")).isFalse();
            assertThat(sent.get("output_config")).isEqualTo(JSON.readTree("{\"effort\":\"medium\"}"));
            assertThat(sent.get("system")).hasSize(1);
            assertThat(sent.at("/system/0/text").asText()).isEqualTo("You are Claude Code.");
            assertThat(received.getHeaders().get("anthropic-beta"))
                    .isEqualTo("claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24");
        }
    }

    @Test
    void anthropicItselfGetsEveryFieldAndFlag() throws Exception {
        try (MockWebServer proxy = Upstreams.mock();
             RunningRouter router = RunningRouter.start(viaProxy(proxy, "http://api.anthropic.com/v1/messages"))) {
            proxy.enqueue(answer());

            assertThat(send(router).statusCode()).isEqualTo(200);

            RecordedRequest received = proxy.takeRequest();
            ObjectNode expected = (ObjectNode) JSON.readTree(REQUEST);
            expected.put("model", "m");
            assertThat(body(received)).isEqualTo(expected);
            assertThat(received.getHeaders().get("anthropic-beta")).isEqualTo(BETAS);
        }
    }

    @Test
    void theExplanationSaysWhatAKnownProviderIsSentWithout() throws Exception {
        try (MockWebServer proxy = Upstreams.mock();
             RunningRouter router = RunningRouter.start(viaProxy(proxy, "http://api.deepseek.com/anthropic/v1/messages"))) {
            JsonNode withheld = JSON.readTree(router.post("/api/route/explain", REQUEST).body())
                    .at("/plan/candidates/0/withheld");

            assertThat(withheld.path("fields").toString()).contains("\"context_management\"", "\"safeguards\"");
            assertThat(withheld.path("betas").toString()).contains("\"afk-mode-\"");
            assertThat(withheld.path("billingHeader").asBoolean()).isTrue();
            assertThat(withheld.at("/refused/fields")).isEmpty();
        }
    }

    /* --------------- Refused, tried once more, remembered --------------- */

    @Test
    void aRefusedBetaFlagIsTriedOnceMoreWithoutItAndRememberedForTheProvider() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = RunningRouter.start(direct(upstream))) {
            upstream.enqueue(refusal(400, """
                    {"type":"error","error":{"type":"invalid_request_error",\
                    "message":"Unexpected value(s) `afk-mode-2026-01-31` for the `anthropic-beta` header."}}"""));
            upstream.enqueue(answer());
            upstream.enqueue(answer());

            // 1. The first request: refused for the flag, then answered without it.
            HttpResponse<String> response = send(router);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(AnthropicSamples.MESSAGE);
            assertThat(upstream.takeRequest().getHeaders().get("anthropic-beta")).isEqualTo(BETAS);
            RecordedRequest retried = upstream.takeRequest();
            assertThat(retried.getHeaders().get("anthropic-beta"))
                    .isEqualTo("claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24,"
                            + "context-management-2025-06-27");
            assertThat(body(retried).has("context_management")).as("an unknown host loses only what it refused").isTrue();

            // 2. The provider's refusal is remembered, visible in the health view and the explanation.
            JsonNode learned = refusals(router);
            assertThat(learned).hasSize(1);
            assertThat(learned.at("/0/provider").asText()).isEqualTo("ds");
            assertThat(learned.at("/0/betas").toString()).isEqualTo("[\"afk-mode-2026-01-31\"]");
            assertThat(learned.at("/0/fields")).isEmpty();
            JsonNode withheld = JSON.readTree(router.post("/api/route/explain", REQUEST).body())
                    .at("/plan/candidates/0/withheld");
            assertThat(withheld.at("/refused/betas").toString()).isEqualTo("[\"afk-mode-2026-01-31\"]");

            // 3. The next request goes without the flag at once.
            assertThat(send(router).statusCode()).isEqualTo(200);
            assertThat(upstream.takeRequest().getHeaders().get("anthropic-beta")).doesNotContain("afk-mode");
            assertThat(upstream.getRequestCount()).isEqualTo(3);
        }
    }

    @Test
    void extraInputsNotPermittedDropsEveryFieldItNamesForTheOneRetry() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = RunningRouter.start(direct(upstream))) {
            upstream.enqueue(refusal(422, """
                    {"detail":[{"type":"extra_forbidden","loc":["body","context_management"],"msg":"Extra inputs are not permitted"},\
                    {"type":"extra_forbidden","loc":["body","safeguards"],"msg":"Extra inputs are not permitted"}]}"""));
            upstream.enqueue(answer());

            assertThat(send(router).statusCode()).isEqualTo(200);

            assertThat(body(upstream.takeRequest()).has("safeguards")).isTrue();
            JsonNode retried = body(upstream.takeRequest());
            assertThat(retried.has("context_management")).isFalse();
            assertThat(retried.has("safeguards")).isFalse();
            assertThat(retried.has("output_config")).isTrue();
            assertThat(refusals(router).at("/0/fields").toString()).isEqualTo("[\"context_management\",\"safeguards\"]");
        }
    }

    @Test
    void aSecondRefusalReachesTheClientAndIsRememberedToo() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = RunningRouter.start(direct(upstream))) {
            upstream.enqueue(refusal(400, """
                    {"type":"error","error":{"type":"invalid_request_error","message":"unsupported beta: afk-mode-2026-01-31"}}"""));
            String second = """
                    {"type":"error","error":{"type":"invalid_request_error","message":"output_config: Extra inputs are not permitted"}}""";
            upstream.enqueue(refusal(400, second));

            HttpResponse<String> response = send(router);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo(second);
            assertThat(upstream.getRequestCount()).as("one try more, not two").isEqualTo(2);
            JsonNode learned = refusals(router).get(0);
            assertThat(learned.path("betas").toString()).isEqualTo("[\"afk-mode-2026-01-31\"]");
            assertThat(learned.path("fields").toString()).isEqualTo("[\"output_config\"]");
        }
    }

    @Test
    void anthropicsOwnRefusalIsRelayedAndTeachesNothing() throws Exception {
        try (MockWebServer proxy = Upstreams.mock();
             RunningRouter router = RunningRouter.start(viaProxy(proxy, "http://api.anthropic.com/v1/messages"))) {
            String refused = """
                    {"type":"error","error":{"type":"invalid_request_error",\
                    "message":"Unexpected value(s) `afk-mode-2026-01-31` for the `anthropic-beta` header."}}""";
            proxy.enqueue(refusal(400, refused));

            HttpResponse<String> response = send(router);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo(refused);
            assertThat(proxy.getRequestCount()).isEqualTo(1);
            assertThat(refusals(router)).isEmpty();
        }
    }
}
