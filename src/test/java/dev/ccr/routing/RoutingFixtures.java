package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigParser;
import dev.ccr.config.Json5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain inputs for routing tests: configs from JSON5 text, Claude Code-shaped request bodies, requests of an exact
 * token count, and routers whose home folders are temporary directories.
 */
public final class RoutingFixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Providers of the docs/ccr-checklist.md set-up (p with m and m2) plus a vision model and a cheap one. */
    public static final String PROVIDERS = """
            "Providers":[
              {"name":"p","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k","models":["m","m2","m3","m4","M-Mixed","qwen-vl"]},
              {"name":"DeepSeek","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k","models":["deepseek-chat","deepseek-reasoner"]}]
            """;

    private RoutingFixtures() {
    }

    /** A config with {@link #PROVIDERS} and the given {@code Router} object (JSON5), rule files relative to {@code dir}. */
    public static Config withRouter(String routerJson, Path dir) {
        return config("{" + PROVIDERS + ", \"Router\": " + routerJson + "}", dir);
    }

    public static Config withRouter(String routerJson) {
        return withRouter(routerJson, tempDir());
    }

    public static Config config(String json, Path dir) {
        try {
            return ConfigParser.parse(Json5.parse(json), Map.of(), dir);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage() + ": " + e.problems(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #withRouter(String, Path)} but returns the problems instead of failing. */
    public static ConfigException problems(String routerJson, Path dir) {
        try {
            ConfigParser.parse(Json5.parse("{" + PROVIDERS + ", \"Router\": " + routerJson + "}"), Map.of(), dir);
        } catch (ConfigException e) {
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("the config loaded without problems");
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("ccr-routing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A router whose ccr home and Claude projects folder are fresh temporary folders. */
    public static Router router() {
        return Router.ccrDefault(environment(tempDir()));
    }

    /** {@code root/ccr-home} as ccr's home and {@code root/claude/projects} as Claude Code's projects folder. */
    public static RoutingEnvironment environment(Path root) {
        return new RoutingEnvironment(root.resolve("ccr-home"), root.resolve("claude").resolve("projects"), Map.of(), Clock.systemUTC());
    }

    public static RoutingRequest request(ObjectNode body, Config config, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i].toLowerCase(java.util.Locale.ROOT), headerPairs[i + 1]);
        }
        return new RoutingRequest(body, headers, config, TokenCounter.cl100k());
    }

    /** Decides with a fresh router. */
    public static RouteDecision decide(Config config, ObjectNode body, String... headerPairs) {
        return router().decide(request(body, config, headerPairs));
    }

    /**
     * A Claude Code main-loop request as current Claude Code sends it (../shared/spec/claude-code-traffic.md), shrunk:
     * three system blocks (billing header, identity line, main prompt with {@code <env>}), one user turn, one tool,
     * adaptive thinking, the JSON {@code metadata.user_id}.
     */
    public static ObjectNode claudeCode(String model) {
        return (ObjectNode) parse("""
                {"model":"%s","max_tokens":64000,"stream":true,
                 "thinking":{"type":"adaptive"},
                 "output_config":{"effort":"high"},
                 "system":[
                   {"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.197; cc_entrypoint=sdk-cli;"},
                   {"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude."},
                   {"type":"text","text":"You are an interactive agent.\\n<env>\\nWorking directory: /home/u/proj\\n</env>\\nBe brief.",
                    "cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[
                   {"type":"text","text":"<system-reminder>context</system-reminder>"},
                   {"type":"text","text":"Fix the bug","cache_control":{"type":"ephemeral"}}]}],
                 "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}],
                 "metadata":{"user_id":"{\\"device_id\\":\\"d\\",\\"account_uuid\\":\\"\\",\\"session_id\\":\\"S1\\"}"}}
                """.formatted(model));
    }

    /** A bare request: model and one user message, nothing else. */
    public static ObjectNode plain(String model) {
        return (ObjectNode) parse("""
                {"model":"%s","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""".formatted(model));
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends a user turn of filler text so the body counts exactly {@code tokens} with cl100k_base (ccr counts
     * each text block on its own, so a block's tokens add up).
     */
    public static ObjectNode withTokens(ObjectNode body, int tokens) {
        TokenCounter counter = TokenCounter.cl100k();
        int base = counter.count(body);
        if (tokens < base + 1) {
            throw new IllegalArgumentException("the body already has " + base + " tokens");
        }
        ArrayNode messages = (ArrayNode) body.withArray("messages");
        ObjectNode filler = messages.addObject().put("role", "user");
        int words = tokens - base;
        for (int attempt = 0; attempt < 5; attempt++) {
            filler.put("content", "a" + " a".repeat(Math.max(0, words - 1)));
            int count = counter.count(body);
            if (count == tokens) {
                return body;
            }
            words += tokens - count;
        }
        throw new IllegalStateException("could not pad to exactly " + tokens + " tokens");
    }
}
