package dev.ccr.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How ccr watches provider quotas and balances (docs/quota.md): the top-level {@code Quota} object and, per provider,
 * {@code quota_token}, {@code quota_sec_token} and a {@code quota} object that overrides the poll interval and reserve.
 *
 * @param interval  how often each provider's quota is polled; zero turns polling off
 * @param timeout   the longest one quota call may take
 * @param reserve   the share of each window kept for some scenarios only, unless a provider sets its own
 * @param providers per-provider settings by provider name; providers without any are absent
 */
public record QuotaSettings(Duration interval, Duration timeout, Reserve reserve, Map<String, ProviderQuota> providers) {
    /** The CCR fork polls every 10 minutes (docs/quota.md); its quota calls time out like its probes, after 15 s. */
    public static final QuotaSettings DEFAULTS = new QuotaSettings(Duration.ofMinutes(10), Duration.ofSeconds(15), Reserve.NONE, Map.of());

    public QuotaSettings {
        providers = Map.copyOf(providers);
    }

    /** The settings of {@code provider}, or none. */
    public ProviderQuota forProvider(String provider) {
        return providers.getOrDefault(provider, ProviderQuota.NONE);
    }

    /** How often {@code provider} is polled; zero when it is not. */
    public Duration intervalFor(String provider) {
        return forProvider(provider).interval().orElse(interval);
    }

    /** The reserve that applies to {@code provider}. */
    public Reserve reserveFor(String provider) {
        return forProvider(provider).reserve().orElse(reserve);
    }

    /**
     * A share of a quota window kept for some scenarios: when less than {@code fiveHourPercent} of the 5-hour window
     * (or {@code sevenDayPercent} of the 7-day one) is left, only requests of {@code scenarios} still go there.
     */
    public record Reserve(double fiveHourPercent, double sevenDayPercent, Set<String> scenarios) {
        public static final Reserve NONE = new Reserve(0, 0, Set.of());

        public Reserve {
            scenarios = Set.copyOf(scenarios);
        }

        /** The percentage kept back in the window named {@code window} ({@code 5h}, {@code 7d}; others use the larger). */
        public double percentFor(String window) {
            return switch (window) {
                case "5h" -> fiveHourPercent;
                case "7d" -> sevenDayPercent;
                default -> Math.max(fiveHourPercent, sevenDayPercent);
            };
        }

        public boolean isEmpty() {
            return fiveHourPercent <= 0 && sevenDayPercent <= 0;
        }
    }

    /**
     * One provider's quota settings.
     *
     * @param interval its own poll interval (zero = not polled), or the global one
     * @param reserve  its own reserve, or the global one
     * @param token    {@code quota_token}: a console cookie or a token for the quota call (a secret)
     * @param secToken {@code quota_sec_token}: Alibaba Cloud's {@code sec_token} for console calls (a secret)
     * @param adapter  {@code quota.adapter}: the quota adapter to use instead of the one the host implies (a relay)
     * @param url      {@code quota.url}: where that adapter asks instead of the provider's own quota endpoint
     */
    public record ProviderQuota(Optional<Duration> interval, Optional<Reserve> reserve, Optional<String> token,
                                Optional<String> secToken, Optional<String> adapter, Optional<URI> url) {
        public static final ProviderQuota NONE = new ProviderQuota(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());

        /** Never prints the token or the sec token. */
        @Override
        public String toString() {
            return "ProviderQuota[interval=" + interval + ", reserve=" + reserve + ", token=" + (token.isPresent() ? "***" : "none")
                    + ", secToken=" + (secToken.isPresent() ? "***" : "none") + ", adapter=" + adapter + ", url=" + url + "]";
        }
    }
}
