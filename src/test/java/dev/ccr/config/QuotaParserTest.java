package dev.ccr.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaParserTest {
    private static Config parse(String json) throws Exception {
        return ConfigParser.parse(Json5.parse(json), Map.of("GLM_COOKIE", "cookie-from-env"));
    }

    @Test
    void aConfigWithoutQuotaSettingsGetsTheDefaults() throws Exception {
        QuotaSettings quota = parse("{Providers: [{name: \"p\", api_base_url: \"https://api.deepseek.com/chat/completions\", api_key: \"k\"}]}").quota();
        assertThat(quota).isEqualTo(QuotaSettings.DEFAULTS);
        assertThat(quota.intervalFor("p")).isEqualTo(Duration.ofMinutes(10));
        assertThat(quota.reserveFor("p")).isEqualTo(QuotaSettings.Reserve.NONE);
    }

    @Test
    void readsTheGlobalSettingsAndEachProvidersOwn() throws Exception {
        QuotaSettings quota = parse("""
                {Quota: {intervalMinutes: 5, timeoutMs: 3000, reserve: {percent: 10, scenarios: ["think"]}},
                 Providers: [
                   {name: "glm", api_base_url: "https://open.bigmodel.cn/api/anthropic", api_key: "k",
                    quota_token: "$GLM_COOKIE", quota_sec_token: "sec",
                    quota: {intervalMinutes: 0, reserve: {percent: {"5h": 20, "7d": 5}, scenarios: ["think", "longContext"]}}},
                   {name: "relay", api_base_url: "https://relay.example/v1", api_key: "k",
                    quota: {adapter: "deepseek", url: "https://api.deepseek.com"}},
                   {name: "plain", api_base_url: "https://api.deepseek.com", api_key: "k"}]}
                """).quota();
        assertThat(quota.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(quota.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(quota.reserveFor("plain")).isEqualTo(new QuotaSettings.Reserve(10, 10, Set.of("think")));
        assertThat(quota.intervalFor("glm")).isZero();
        assertThat(quota.reserveFor("glm")).isEqualTo(new QuotaSettings.Reserve(20, 5, Set.of("think", "longContext")));
        assertThat(quota.forProvider("glm").token()).contains("cookie-from-env");
        assertThat(quota.forProvider("glm").secToken()).contains("sec");
        assertThat(quota.forProvider("relay").adapter()).contains("deepseek");
        assertThat(quota.forProvider("relay").url()).contains(URI.create("https://api.deepseek.com"));
        assertThat(quota.providers()).doesNotContainKey("plain");
        assertThat(quota.forProvider("glm").toString()).doesNotContain("cookie-from-env").doesNotContain("sec\"");
    }

    @Test
    void badQuotaSettingsAreAllReportedWithTheirPathAndARemedy() {
        assertThatThrownBy(() -> parse("""
                {Quota: {intervalMinutes: -1, reserve: {percent: 150, scenarios: "think"}},
                 Providers: [{name: "p", api_base_url: "https://api.deepseek.com", api_key: "k", quota: {url: "ftp://x"}}]}
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("Quota.intervalMinutes", "Quota.reserve.percent", "Quota.reserve.scenarios",
                        "Providers[0].quota.url"));
    }
}
