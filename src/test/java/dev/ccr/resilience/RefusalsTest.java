package dev.ccr.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccr.resilience.Refusals.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What providers refused is remembered per provider, added up, and forgotten when the provider's URL changes. */
class RefusalsTest {
    private static final String URL = "https://api.example.com/anthropic";
    private final Refusals refusals = new Refusals(Clock.fixed(Instant.parse("2026-12-02T14:00:00Z"), ZoneOffset.UTC));

    @Test
    void refusalsAddUpPerProvider() {
        refusals.learn("ds", URL, new Refusal(Set.of("safeguards"), Set.of()));
        refusals.learn("ds", URL, new Refusal(Set.of(), Set.of("afk-mode-2026-01-31")));

        assertThat(refusals.of("ds", URL)).isEqualTo(new Refusal(Set.of("safeguards"), Set.of("afk-mode-2026-01-31")));
        assertThat(refusals.of("kimi", URL)).isEqualTo(Refusal.NONE);
        assertThat(refusals.toJson().toString()).isEqualTo("[{\"provider\":\"ds\",\"fields\":[\"safeguards\"],"
                + "\"betas\":[\"afk-mode-2026-01-31\"],\"learnedAt\":\"2026-12-02T14:00:00Z\"}]");
    }

    @Test
    void aProviderAtAnotherUrlStartsOver() {
        refusals.learn("ds", URL, new Refusal(Set.of("safeguards"), Set.of()));

        assertThat(refusals.of("ds", "https://api.anthropic.com/v1/messages")).isEqualTo(Refusal.NONE);
        refusals.learn("ds", "https://other.example.com", new Refusal(Set.of("container"), Set.of()));
        assertThat(refusals.of("ds", "https://other.example.com").fields()).containsExactly("container");
        assertThat(refusals.of("ds", URL)).isEqualTo(Refusal.NONE);
    }
}
