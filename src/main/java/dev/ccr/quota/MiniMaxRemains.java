package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * MiniMax's coding-plan {@code GET /v1/api/openplatform/coding_plan/remains} (as the CCR fork reads it; the shape is
 * not documented): {@code {"model_remains": [{"current_interval_total_count": 1500, "current_interval_usage_count":
 * 1200, "end_time": 1767225600000, "current_weekly_total_count": …, "current_weekly_usage_count": …,
 * "weekly_end_time": …}], "base_resp": {"status_code": 0, "status_msg": "success"}}}. Despite their names the
 * {@code usage_count} fields are what is <em>left</em> (the fork reads them so too); end times are epoch
 * milliseconds. A non-zero {@code status_code} is an error; 1004 is MiniMax's "authorization failed".
 */
final class MiniMaxRemains implements QuotaAdapter {
    private static final int AUTH_FAILED = 1004;

    private final URI base;

    MiniMaxRemains(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "minimax";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        JsonNode body = http.get(base.resolve("/v1/api/openplatform/coding_plan/remains"),
                Map.of("Authorization", "Bearer " + credentials.key()));
        int status = body.path("base_resp").path("status_code").asInt(0);
        if (status == AUTH_FAILED) {
            throw QuotaException.refused("MiniMax refused the key (status_code 1004)");
        }
        if (status != 0) {
            throw new QuotaException("MiniMax answered status_code " + status, false);
        }
        JsonNode item = body.path("model_remains").path(0);
        List<QuotaWindow> windows = new ArrayList<>();
        window(QuotaWindow.FIVE_HOURS, item, "current_interval_total_count", "current_interval_usage_count", "end_time", windows);
        window(QuotaWindow.SEVEN_DAYS, item, "current_weekly_total_count", "current_weekly_usage_count", "weekly_end_time", windows);
        if (windows.isEmpty()) {
            throw QuotaException.changed("model_remains[0] counts");
        }
        return QuotaReading.ofWindows(windows);
    }

    private static void window(String name, JsonNode item, String totalField, String leftField, String endField,
                               List<QuotaWindow> windows) {
        OptionalDouble total = Numbers.number(item.path(totalField));
        OptionalDouble left = Numbers.number(item.path(leftField));
        OptionalDouble used = total.isPresent() && left.isPresent()
                ? OptionalDouble.of(Math.max(0, total.getAsDouble() - left.getAsDouble())) : OptionalDouble.empty();
        Numbers.window(name, used, total, Numbers.instant(item.path(endField))).ifPresent(windows::add);
    }
}
