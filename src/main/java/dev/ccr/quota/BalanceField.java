package dev.ccr.quota;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A documented balance endpoint that answers what is left in one field, asked with the API key as a Bearer token:
 *
 * <ul>
 *   <li>SiliconFlow's {@code GET /v1/user/info}: {@code {"code": 20000, "status": true, "data": {"balance": "0.88",
 *       "chargeBalance": "88.00", "totalBalance": "88.88"}}}: the gift and topped-up balances and their sum, which is
 *       what is left (the CCR fork reads it as a total and subtracts, which is wrong);</li>
 *   <li>Moonshot's {@code GET /v1/users/me/balance}: {@code {"code": 0, "data": {"available_balance": 49.58,
 *       "voucher_balance": 46.58, "cash_balance": 3.0}, "status": true}}.</li>
 * </ul>
 *
 * Neither names a currency: ccr takes CNY for a {@code .cn} endpoint and USD otherwise.
 */
final class BalanceField implements QuotaAdapter {
    private final String name;
    private final URI endpoint;
    private final String pointer;
    private final Optional<String> currency;

    private BalanceField(String name, URI base, String path, String pointer) {
        this.name = name;
        this.endpoint = base.resolve(path);
        this.pointer = pointer;
        this.currency = Optional.of(base.getHost() != null && base.getHost().endsWith(".cn") ? "CNY" : "USD");
    }

    static BalanceField siliconFlow(URI base) {
        return new BalanceField("siliconflow", base, "/v1/user/info", "/data/totalBalance");
    }

    static BalanceField moonshot(URI base) {
        return new BalanceField("moonshot", base, "/v1/users/me/balance", "/data/available_balance");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        OptionalDouble left = Numbers.number(http.get(endpoint, Map.of("Authorization", "Bearer " + credentials.key())).at(pointer));
        if (left.isEmpty()) {
            throw QuotaException.changed(pointer.substring(1).replace('/', '.'));
        }
        return QuotaReading.ofBalance(new QuotaBalance(OptionalDouble.empty(), OptionalDouble.empty(), left, OptionalDouble.empty(), currency));
    }
}
