package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * SiliconFlow's documented {@code GET /v1/user/info}: {@code {"code": 20000, "status": true, "data": {"balance":
 * "0.88", "chargeBalance": "88.00", "totalBalance": "88.88"}}}: the gift balance, the topped-up balance and their sum,
 * which is what is left to spend (the CCR fork reads it as a total and subtracts, which is wrong). No currency is
 * given: the .cn site bills in CNY, the .com one in USD.
 */
final class SiliconFlowUserInfo implements QuotaAdapter {
    private final URI base;
    private final Optional<String> currency;

    SiliconFlowUserInfo(URI base) {
        this.base = base;
        this.currency = Optional.of(base.getHost() != null && base.getHost().endsWith(".cn") ? "CNY" : "USD");
    }

    @Override
    public String name() {
        return "siliconflow";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        JsonNode data = http.get(base.resolve("/v1/user/info"), Map.of("Authorization", "Bearer " + credentials.key())).path("data");
        OptionalDouble left = Numbers.number(data.path("totalBalance"));
        if (left.isEmpty()) {
            throw QuotaException.changed("data.totalBalance");
        }
        return QuotaReading.ofBalance(new QuotaBalance(OptionalDouble.empty(), OptionalDouble.empty(), left, OptionalDouble.empty(), currency));
    }
}
