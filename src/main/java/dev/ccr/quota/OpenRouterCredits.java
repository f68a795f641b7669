package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * OpenRouter's documented {@code GET /api/v1/key} ({@code {"data": {"limit": 100, "limit_remaining": 74.5, "usage":
 * 25.5, "usage_daily": 1.2}}}, the key's own cap, {@code limit: null} when it has none) and {@code GET
 * /api/v1/credits} ({@code {"data": {"total_credits": 50, "total_usage": 42}}}, the account's purchased credits).
 * Whichever leaves less is what is left. Credits in US dollars.
 */
final class OpenRouterCredits implements QuotaAdapter {
    private final URI base;

    OpenRouterCredits(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "openrouter";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + credentials.key());
        JsonNode key = http.get(base.resolve("/api/v1/key"), auth).path("data");
        if (!key.isObject()) {
            throw QuotaException.changed("data object");
        }
        OptionalDouble total = Numbers.number(key.path("limit"));
        OptionalDouble used = Numbers.number(key.path("usage"));
        OptionalDouble remaining = Numbers.number(key.path("limit_remaining"));
        JsonNode credits = credits(http, auth);
        OptionalDouble totalCredits = Numbers.number(credits.path("total_credits"));
        OptionalDouble usedCredits = Numbers.number(credits.path("total_usage"));
        if (totalCredits.isPresent() && usedCredits.isPresent()) {
            double accountLeft = totalCredits.getAsDouble() - usedCredits.getAsDouble();
            if (total.isEmpty()) {
                total = totalCredits;
                used = usedCredits;
            }
            remaining = OptionalDouble.of(remaining.isPresent() ? Math.min(remaining.getAsDouble(), accountLeft) : accountLeft);
        }
        return QuotaReading.ofBalance(new QuotaBalance(total, used, remaining, Numbers.number(key.path("usage_daily")),
                Optional.of("USD")));
    }

    /** The account's credits, or nothing when this key may not read them (some keys may not). */
    private JsonNode credits(QuotaHttp http, Map<String, String> auth) {
        try {
            return http.get(base.resolve("/api/v1/credits"), auth).path("data");
        } catch (QuotaException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
