package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * DeepSeek's documented {@code GET /user/balance}: {@code {"is_available": true, "balance_infos": [{"currency": "CNY",
 * "total_balance": "110.00", "granted_balance": "10.00", "topped_up_balance": "100.00"}]}}. {@code total_balance} is
 * what is left to spend; {@code is_available: false} means it is not enough for a call, so ccr reads it as none left.
 */
final class DeepSeekBalance implements QuotaAdapter {
    private final URI base;

    DeepSeekBalance(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "deepseek";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        JsonNode body = http.get(base.resolve("/user/balance"), Map.of("Authorization", "Bearer " + credentials.key()));
        for (JsonNode info : body.path("balance_infos")) {
            OptionalDouble left = Numbers.number(info.path("total_balance"));
            if (left.isPresent()) {
                boolean usable = body.path("is_available").asBoolean(true);
                return QuotaReading.ofBalance(new QuotaBalance(OptionalDouble.empty(), OptionalDouble.empty(),
                        usable ? left : OptionalDouble.of(0), OptionalDouble.empty(), Numbers.text(info.path("currency"))));
            }
        }
        throw QuotaException.changed("balance_infos[].total_balance");
    }
}
