package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigParserTest {
    private static Config parse(String json, Map<String, String> env) throws Exception {
        return ConfigParser.parse(Json5.parse(json), env);
    }

    @Test
    void appliesCcrDefaultsToAnEmptyConfig() throws Exception {
        Config config = parse("{}", Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(3456);
        assertThat(config.apiKey()).isEmpty();
        assertThat(config.proxy()).isEmpty();
        assertThat(config.apiTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.log()).isTrue();
        assertThat(config.bodyLimitBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(config.providers()).isEmpty();
        assertThat(config.router().defaultRoute()).isEmpty();
        assertThat(config.router().longContextThreshold()).isEqualTo(60_000);
    }

    @Test
    void theImageAgentIsOffUnlessForceUseImageAgentIsTrue() throws Exception {
        assertThat(parse("{}", Map.of()).forceUseImageAgent()).isFalse();
        assertThat(parse("{\"forceUseImageAgent\": true}", Map.of()).forceUseImageAgent()).isTrue();
        Config string = parse("{\"forceUseImageAgent\": \"yes\"}", Map.of());
        assertThat(string.forceUseImageAgent()).isFalse();
        assertThat(string.warnings()).anySatisfy(w -> assertThat(w.path()).isEqualTo("forceUseImageAgent"));
    }

    @Test
    void servicePortFromTheEnvironmentOverridesPort() throws Exception {
        assertThat(parse("{\"PORT\": 4000}", Map.of("SERVICE_PORT", "4100")).port()).isEqualTo(4100);
        assertThat(parse("{\"PORT\": \"4000\"}", Map.of()).port()).isEqualTo(4000);
    }

    @Test
    void hostIsForcedToLoopbackWithoutAnApiKeyEvenWithNoProviders() throws Exception {
        Config config = parse("{\"HOST\": \"0.0.0.0\", \"Providers\": []}", Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w.path()).isEqualTo("HOST"));
        assertThat(parse("{\"HOST\": \"0.0.0.0\", \"APIKEY\": \"s\"}", Map.of()).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void readsProvidersWithTheirTransformerChains() throws Exception {
        Config config = parse("""
                {Providers: [{name: "deepseek", api_base_url: "https://api.deepseek.com/chat/completions",
                  api_key: "sk", models: ["deepseek-chat"],
                  transformer: {use: ["deepseek", ["maxtoken", {max_tokens: 8192}]], "deepseek-chat": {use: ["tooluse"]}}}]}
                """, Map.of());
        Provider p = config.providers().getFirst();
        assertThat(p.name()).isEqualTo("deepseek");
        assertThat(p.transformer().use()).extracting(TransformerRef::name).containsExactly("deepseek", "maxtoken");
        assertThat(p.transformer().use().get(1).options().path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(p.transformer().forModel("deepseek-chat")).extracting(TransformerRef::name).containsExactly("tooluse");
        assertThat(p.transformer().passesThrough("deepseek-chat")).isFalse();
    }

    @Test
    void aChainOfOnlyAnthropicPassesThrough() throws Exception {
        Config config = parse("""
                {"Providers": [{"name": "a", "api_base_url": "https://api.anthropic.com/v1/messages", "api_key": "k",
                  "models": ["claude"], "transformer": {"use": ["Anthropic"]}}]}""", Map.of());
        assertThat(config.providers().getFirst().transformer().passesThrough("claude")).isTrue();
    }

    @Test
    void incompleteProvidersAreSkippedWithAWarningThatSaysWhy() throws Exception {
        Config config = parse("""
                {"Providers": [{"api_base_url": "http://x/v1"}, {"name": "nourl", "api_key": "k"},
                  {"name": "bad", "api_base_url": "$UNSET_URL", "api_key": "k"}, {"name": "ok", "api_base_url": "http://h/v1"}]}""",
                Map.of());
        assertThat(config.providers()).extracting(Provider::name).containsExactly("ok");
        assertThat(config.warnings()).extracting(ConfigProblem::path)
                .contains("Providers[0].name", "Providers[1].api_base_url", "Providers[2].api_base_url", "Providers[3].api_key");
    }

    @Test
    void reportsEveryProblemAtOnceWithPathAndRemedy() {
        assertThatThrownBy(() -> parse("{\"PORT\": \"abc\", \"API_TIMEOUT_MS\": -5, \"PROXY_URL\": \"nope\"}", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("PORT", "PROXY_URL", "API_TIMEOUT_MS");
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.remedy()).isNotBlank());
                });
    }

    @Test
    void neitherConfigNorProviderPrintsTheirSecrets() throws Exception {
        Config config = parse("{\"APIKEY\": \"top-secret\", \"Providers\": [{\"name\": \"p\", \"api_base_url\": \"http://h/v1\", \"api_key\": \"sk-secret\"}]}", Map.of());
        assertThat(config.toString()).doesNotContain("top-secret").doesNotContain("sk-secret");
        assertThat(config.providers().getFirst().toString()).doesNotContain("sk-secret");
    }

    @Test
    void keepsTheDocumentAsWrittenNextToTheResolvedOne() throws Exception {
        Config config = parse("{\"APIKEY\": \"$SECRET\", \"custom\": {\"x\": 1}}", Map.of("SECRET", "s3"));
        assertThat(config.apiKey()).contains("s3");
        JsonNode document = config.document();
        assertThat(document.get("APIKEY").asText()).isEqualTo("$SECRET");
        assertThat(document.path("custom").path("x").asInt()).isEqualTo(1);
        assertThat(config.resolved().get("APIKEY").asText()).isEqualTo("s3");
    }

    @Test
    void scriptsAreTrustedUnlessSandboxedPerEntryOrByTheGlobalDefault() throws Exception {
        ScriptSettings scripts = parse("""
                {"CUSTOM_ROUTER_PATH": "/r.js", "SCRIPT_SANDBOX": {"allowHosts": ["API.example.com", "127.0.0.1:8080"]},
                 "transformers": [{"path": "/a.js"}, {"path": "/b.js", "sandbox": false}, {"path": "/c.js", "sandbox": {"allowHosts": []}}]}
                """, Map.of()).scripts();
        assertThat(scripts.routerPolicy().sandboxed()).isTrue();
        assertThat(scripts.plugins().get(0).policy().allowedHosts()).containsExactly("api.example.com", "127.0.0.1:8080");
        assertThat(scripts.plugins().get(0).policy().allowsHost("api.example.com", 443)).isTrue();
        assertThat(scripts.plugins().get(0).policy().allowsHost("127.0.0.1", 9090)).isFalse();
        assertThat(scripts.plugins().get(1).policy()).isEqualTo(ScriptPolicy.TRUSTED);
        assertThat(scripts.plugins().get(2).policy().sandboxed()).isTrue();
        assertThat(scripts.plugins().get(2).policy().allowedHosts()).isEmpty();
        assertThat(parse("{\"transformers\": [{\"path\": \"/a.js\"}]}", Map.of()).scripts().plugins().get(0).policy())
                .isEqualTo(ScriptPolicy.TRUSTED);
    }

    @Test
    void aMalformedSandboxIsAProblemWithItsPathAndRemedy() {
        assertThatThrownBy(() -> parse("""
                {"CUSTOM_ROUTER_SANDBOX": "yes", "transformers": [{"path": "/a.js", "sandbox": {"allowHosts": ["https://x.com/"]}}]}
                """, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::path)
                            .containsExactly("CUSTOM_ROUTER_SANDBOX", "transformers[0].sandbox.allowHosts[0]");
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.remedy()).isNotBlank());
                });
    }

    @Test
    void scriptContextsIsAcceptedButWarnsThatItIsNoLongerUsed() throws Exception {
        assertThat(parse("{\"SCRIPT_CONTEXTS\": 2}", Map.of()).warnings())
                .anySatisfy(w -> assertThat(w.path()).isEqualTo("SCRIPT_CONTEXTS"));
    }
}
