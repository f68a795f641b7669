package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The Zhipu (bigmodel.cn) and Z.ai GLM coding plan's {@code GET /api/monitor/usage/quota/limit} (what their console
 * reads; not a documented public API), signed in with the raw API key (no {@code Bearer}): {@code {"code": 200,
 * "data": {"limits": [{"type": "TOKENS_LIMIT", "unit": 3, "usage": 800, "currentValue": 200, "remaining": 600,
 * "percentage": 25, "nextResetTime": 1767225600000}, …]}, "success": true}}. A {@code TOKENS_LIMIT} of unit 3 is the
 * 5-hour window, of unit 6 the weekly one; {@code usage} is the limit and {@code currentValue} the part used, and an
 * entry with only {@code percentage} is read in percent. {@code TIME_LIMIT} (monthly tool calls) is shown, never gated.
 */
final class ZhipuCodingPlan implements QuotaAdapter {
    private static final int FIVE_HOUR_UNIT = 3;
    private static final int WEEK_UNIT = 6;

    private final URI base;

    ZhipuCodingPlan(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "zhipu-coding";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        JsonNode body = http.get(base.resolve("/api/monitor/usage/quota/limit"), Map.of("Authorization", credentials.key()));
        if (body.path("code").asInt(200) == 401) {
            throw QuotaException.refused("Zhipu refused the key (code 401)");
        }
        List<QuotaWindow> windows = new ArrayList<>();
        for (JsonNode limit : body.path("data").path("limits")) {
            String type = limit.path("type").asText();
            int unit = limit.path("unit").asInt(FIVE_HOUR_UNIT);
            String name = type.equals("TIME_LIMIT") ? "tools-month"
                    : unit == WEEK_UNIT ? QuotaWindow.SEVEN_DAYS : unit == FIVE_HOUR_UNIT ? QuotaWindow.FIVE_HOURS : null;
            if (name == null || windows.stream().anyMatch(w -> w.name().equals(name))) {
                continue;
            }
            OptionalDouble total = Numbers.number(limit.path("usage"));
            OptionalDouble used = Numbers.number(limit.path("currentValue"));
            if (total.isEmpty()) {
                total = Numbers.sum(used, Numbers.number(limit.path("remaining")));
            }
            if (used.isEmpty() || total.isEmpty()) {
                used = Numbers.number(limit.path("percentage"));
                total = OptionalDouble.of(100);
            }
            Numbers.window(name, used, total, Numbers.instant(limit.path("nextResetTime"))).ifPresent(windows::add);
        }
        if (windows.isEmpty()) {
            throw QuotaException.changed("data.limits");
        }
        return QuotaReading.ofWindows(windows);
    }
}
