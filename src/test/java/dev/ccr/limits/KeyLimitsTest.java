package dev.ccr.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client keys as configured, found by the key a request carries, and held to their limits. */
class KeyLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:30Z"));

    private static ClientKeys keys(String json) throws IOException {
        return ClientKeys.parse(JSON.readTree("{\"CLIENT_KEYS\":" + json + "}"));
    }

    @Test
    void aPresentedKeyFindsItsNameAndAnUnknownOneFindsNothing() throws IOException {
        ClientKeys keys = keys("""
                [{"name":"alice","key":"sk-alice"},{"name":"bob","key":"sk-bob","models":["deepseek,*"]}]""");

        assertThat(keys.find("sk-bob")).map(ClientKey::name).contains("bob");
        assertThat(keys.find("sk-bo")).isEmpty();
        assertThat(keys.find("sk-alice2")).isEmpty();
        assertThat(keys.find("sk-bob").orElseThrow().toString()).doesNotContain("sk-bob");
        assertThat(ClientKeys.parse(JSON.createObjectNode()).isEmpty()).isTrue();
    }

    @Test
    void modelPatternsAreProviderCommaModelWithStars() {
        ClientKey bob = new ClientKey("bob", "s", OptionalLong.empty(), OptionalLong.empty(), List.of("deepseek,*", "*,qwen3"));
        assertThat(bob.allows("deepseek", "deepseek-chat")).isTrue();
        assertThat(bob.allows("openrouter", "qwen3")).isTrue();
        assertThat(bob.allows("openrouter", "claude-opus")).isFalse();
        assertThat(bob.allows("deepseek2", "x")).isFalse();
        assertThat(new ClientKey("all", "s", OptionalLong.empty(), OptionalLong.empty(), List.of()).allows("a", "b")).isTrue();
    }

    @Test
    void everyProblemIsNamedByItsPathAndNoSecretIsRepeated() {
        assertThatThrownBy(() -> keys("""
                [{"name":"alice","key":"sk-secret-1"},{"name":"alice","key":"sk-secret-1"},{"key":"$UNSET"},
                 {"name":"carol","key":"k","limits":{"requestsPerMinute":0}}]"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLIENT_KEYS[1].name 'alice' is used twice")
                .hasMessageContaining("CLIENT_KEYS[1].key is the same as another key's")
                .hasMessageContaining("CLIENT_KEYS[2].name is missing")
                .hasMessageContaining("CLIENT_KEYS[2].key is missing or names an unset environment variable")
                .hasMessageContaining("CLIENT_KEYS[3].limits.requestsPerMinute must be a positive whole number")
                .message().doesNotContain("sk-secret-1");
    }

    @Test
    void requestsOverTheMinutesLimitAreRefusedUntilTheNextMinute() throws IOException {
        KeyLimits limits = new KeyLimits(keys("[{\"name\":\"alice\",\"key\":\"k\",\"limits\":{\"requestsPerMinute\":2}}]"),
                LimitCounters.embedded(), clock);
        ClientKey alice = limits.keys().named("alice").orElseThrow();

        assertThat(limits.admit(alice)).isEmpty();
        assertThat(limits.admit(alice)).isEmpty();
        KeyLimits.Refusal refusal = limits.admit(alice).orElseThrow();
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(refusal.message()).contains("alice").contains("2 requests per minute");

        clock.advance(Duration.ofSeconds(30)); // the next minute
        assertThat(limits.admit(alice)).isEmpty();
    }

    @Test
    void aDaysTokensAreCountedFromAnswersAndRefuseTheRequestsAfterTheLimitUntilMidnight() throws IOException {
        KeyLimits limits = new KeyLimits(keys("[{\"name\":\"alice\",\"key\":\"k\",\"limits\":{\"tokensPerDay\":100}}]"),
                LimitCounters.embedded(), clock);
        ClientKey alice = limits.keys().named("alice").orElseThrow();
        var request = new dev.ccr.client.ClientRequest() {
            @Override
            public String method() {
                return "POST";
            }

            @Override
            public String path() {
                return "/v1/messages";
            }

            @Override
            public List<java.util.Map.Entry<String, String>> headers() {
                return List.of();
            }

            @Override
            public byte[] body() {
                return new byte[0];
            }

            @Override
            public void onDisconnect(Runnable action) {
            }

            @Override
            public java.util.Optional<String> clientKey() {
                return java.util.Optional.of("alice");
            }
        };

        assertThat(limits.admit(alice)).isEmpty();
        // 60 input + 10 cache creation + 40 output; the 1000 cache reads are not counted
        limits.listeners().create(request).completed(200, new dev.ccr.usage.Usage(60, 40, 1000, 10));

        KeyLimits.Refusal refusal = limits.admit(alice).orElseThrow();
        assertThat(refusal.message()).contains("100 tokens for the day");
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofHours(14).minusSeconds(30));
        clock.advance(Duration.ofHours(14));
        assertThat(limits.admit(alice)).isEmpty();
    }
}
