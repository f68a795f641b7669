package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Moonshot's documented {@code GET /v1/users/me/balance} for its pay-as-you-go platform: {@code {"code": 0, "data":
 * {"available_balance": 49.58, "voucher_balance": 46.58, "cash_balance": 3.0}, "status": true}}. The available
 * balance is what is left; it is CNY on moonshot.cn and USD on moonshot.ai.
 */
final class MoonshotBalance implements QuotaAdapter {
    private final URI base;
    private final Optional<String> currency;

    MoonshotBalance(URI base) {
        this.base = base;
        this.currency = Optional.of(base.getHost() != null && base.getHost().endsWith(".cn") ? "CNY" : "USD");
    }

    @Override
    public String name() {
        return "moonshot";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        JsonNode data = http.get(base.resolve("/v1/users/me/balance"), Map.of("Authorization", "Bearer " + credentials.key())).path("data");
        OptionalDouble left = Numbers.number(data.path("available_balance"));
        if (left.isEmpty()) {
            throw QuotaException.changed("data.available_balance");
        }
        return QuotaReading.ofBalance(new QuotaBalance(OptionalDouble.empty(), OptionalDouble.empty(), left, OptionalDouble.empty(), currency));
    }
}
