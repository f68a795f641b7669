package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The Kimi coding plan's {@code GET /coding/v1/usages} (what the Kimi CLI reads; not a documented public API):
 * {@code {"usage": {"limit": "100", "used": "40", "remaining": "60", "resetTime": "…Z"}, "limits": [{"window":
 * {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"}, "detail": {"limit": "100", "used": "20", "remaining": "80",
 * "resetTime": "…Z"}}]}}: {@code usage} is the 7-day window, {@code limits[0]} the 5-hour one. Signs in with
 * {@code quota_token} when set, else the API key.
 */
final class KimiCodingUsage implements QuotaAdapter {
    private final URI base;

    KimiCodingUsage(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "kimi-coding";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        JsonNode body = http.get(base.resolve("/coding/v1/usages"), Map.of("Authorization", "Bearer " + credentials.key()));
        List<QuotaWindow> windows = new ArrayList<>();
        window(QuotaWindow.FIVE_HOURS, body.path("limits").path(0).path("detail"), windows);
        window(QuotaWindow.SEVEN_DAYS, body.path("usage"), windows);
        if (windows.isEmpty()) {
            throw QuotaException.changed("usage or limits[].detail with limit and used");
        }
        return QuotaReading.ofWindows(windows);
    }

    private static void window(String name, JsonNode detail, List<QuotaWindow> windows) {
        OptionalDouble limit = Numbers.number(detail.path("limit"));
        OptionalDouble used = Numbers.number(detail.path("used"));
        OptionalDouble remaining = Numbers.number(detail.path("remaining"));
        if (used.isEmpty() && limit.isPresent() && remaining.isPresent()) {
            used = OptionalDouble.of(Math.max(0, limit.getAsDouble() - remaining.getAsDouble()));
        }
        Numbers.window(name, used, limit, Numbers.instant(detail.path("resetTime"))).ifPresent(windows::add);
    }
}
