package dev.ccr.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * Configs, requests and answers shared by the acceptance tests of JavaScript routers ({@code acceptance/routing}) and
 * plugins ({@code acceptance/plugins}): one OpenAI-chat provider {@code p} with models m and m2, routed to m by default.
 */
public final class ScriptedRouters {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"id":"x","model":"m","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""";

    private ScriptedRouters() {
    }

    /** A one-message OpenAI chat answer, "Hi". */
    public static MockResponse answer() {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build();
    }

    /** The config with {@code router} as {@code CUSTOM_ROUTER_PATH}. */
    public static String routerConfig(MockWebServer upstream, Path router) {
        return """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"]}],
                 "Router":{"default":"p,m"}, "CUSTOM_ROUTER_PATH": %s, "SCRIPT_CONTEXTS": 1}
                """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), ScriptFiles.json(router));
    }

    /** The config with {@code plugins} in {@code transformers} (each with options {@code {t: 0.1}}) and {@code use} as p's chain. */
    public static String pluginConfig(MockWebServer upstream, String use, Path... plugins) {
        StringBuilder list = new StringBuilder();
        for (Path plugin : plugins) {
            list.append(list.isEmpty() ? "" : ",").append("{\"path\":").append(ScriptFiles.json(plugin)).append(",\"options\":{\"t\":0.1}}");
        }
        return """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"],"transformer":%s}],
                 "Router":{"default":"p,m"}, "transformers":[%s], "SCRIPT_CONTEXTS": 1}
                """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), use, list);
    }

    /** A Messages request for {@code model} with one user message. */
    public static String request(String model, String text) {
        return """
                {"model":"%s","max_tokens":100,"messages":[{"role":"user","content":"%s"}]}""".formatted(model, text);
    }

    /** The body the upstream received next. */
    public static JsonNode upstreamBody(MockWebServer upstream) throws Exception {
        return JSON.readTree(upstream.takeRequest().getBody().utf8());
    }
}
