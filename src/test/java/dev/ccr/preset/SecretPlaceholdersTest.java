package dev.ccr.preset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPlaceholdersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void providerSecretsAreNamedForTheirProviderAndCollisionsGetANumber() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("""
                {"Providers": [{"name": "a-b", "api_key": "1"}, {"name": "a_b", "api_key": "2"}, {"api_key": "3"}],
                 "token": "t", "max_tokens": 100, "tokenizer": "cl100k",
                 "transformers": [{"path": "x.js", "options": {"Authorization": "Bearer z", "x-api-key": "w"}}]}""");

        SecretPlaceholders.Result result = SecretPlaceholders.apply(config);

        assertThat(result.config().toString()).isEqualTo("""
                {"Providers":[{"name":"a-b","api_key":"${A_B_API_KEY}"},{"name":"a_b","api_key":"${A_B_API_KEY_2}"},\
                {"api_key":"${CONFIG_API_KEY}"}],"token":"${CONFIG_TOKEN}","max_tokens":100,"tokenizer":"cl100k",\
                "transformers":[{"path":"x.js","options":{"Authorization":"${CONFIG_AUTHORIZATION}","x-api-key":"${CONFIG_X_API_KEY}"}}]}""");
        assertThat(result.replaced()).hasSize(6);
        assertThat(config.at("/Providers/0/api_key").asText()).as("the input is not changed").isEqualTo("1");
    }

    @Test
    void variablesInListsEveryPlaceholderOnce() throws Exception {
        assertThat(SecretPlaceholders.variablesIn(JSON.readTree("""
                {"a": "$ONE", "b": ["${two.x}", "Bearer $ONE and $THREE"], "c": "$lower"}""")))
                .containsExactly("ONE", "THREE", "two.x");
    }

    @Test
    void theTeamsDatabaseAndRedisUrlsAreNotExported() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("""
                {"USAGE_DB": "jdbc:postgresql://db/ccr?password=pw", "STATE": {"redis": "redis://:pw@cache:6379/0"}}""");
        ObjectNode exported = SecretPlaceholders.apply(config).config();
        assertThat(exported.toString()).doesNotContain("pw");
        assertThat(exported.at("/USAGE_DB").asText()).isEqualTo("${CONFIG_USAGE_DB}");
        assertThat(exported.at("/STATE/redis").asText()).isEqualTo("${CONFIG_REDIS}");
    }

    @Test
    void quotaCookiesAndTokensAreNotExported() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree("""
                {"Providers": [{"name": "qwen", "api_key": "k", "quota_token": "login_ticket=SECRET", "quota_sec_token": "SEC",
                  "quota": {"intervalMinutes": 30, "url": "https://bailian-cs.console.aliyun.com"}}]}""");
        ObjectNode exported = SecretPlaceholders.apply(config).config();
        assertThat(exported.at("/Providers/0/quota_token").asText()).isEqualTo("${QWEN_QUOTA_TOKEN}");
        assertThat(exported.at("/Providers/0/quota_sec_token").asText()).isEqualTo("${QWEN_QUOTA_SEC_TOKEN}");
        assertThat(exported.at("/Providers/0/quota/intervalMinutes").asInt()).isEqualTo(30);
    }
}
