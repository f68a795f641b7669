package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Alibaba Cloud Model Studio's (Bailian, dashscope) coding plan, read as its console reads it (not a public API):
 * a form {@code POST} to the console gateway, signed in with the console cookie from {@code quota_token} and, when
 * set, the {@code sec_token} from {@code quota_sec_token}. The answer nests {@code codingPlanInstanceInfos[0]
 * .codingPlanQuotaInfo} ({@code per5HourUsedQuota}, {@code per5HourTotalQuota}, {@code per5HourQuotaNextRefreshTime},
 * the same for {@code perWeek} and {@code perBillMonth}) under {@code data.DataV2.data.data}. A signed-out console
 * answers HTTP 200 with {@code {"code": "ConsoleNeedLogin", "successResponse": false}}: an expired cookie.
 */
final class AliyunCodingPlan implements QuotaAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String API = "zeldaEasy.broadscope-bailian.codingPlan.queryCodingPlanInstanceInfoV2";
    private static final String CONSOLE = "https://bailian.console.aliyun.com/cn-beijing";

    private final URI base;

    AliyunCodingPlan(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "aliyun-coding-plan";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        ObjectNode params = JSON.createObjectNode().put("Api", API).put("V", "1.0");
        ObjectNode data = params.putObject("Data");
        data.putObject("queryCodingPlanInstanceInfoRequest").put("commodityCode", "sfm_codingplan_public_cn").put("onlyLatestOne", true);
        data.putObject("cornerstoneParam").put("feURL", CONSOLE).put("protocol", "V2").put("console", "ONE_CONSOLE")
                .put("productCode", "p_efm").put("domain", "bailian.console.aliyun.com").put("consoleSite", "BAILIAN_ALIYUN");
        StringBuilder form = new StringBuilder("params=").append(encode(params.toString())).append("&region=cn-beijing");
        credentials.secToken().ifPresent(sec -> form.append("&sec_token=").append(encode(sec)));
        JsonNode body = http.postForm(base.resolve("/data/api.json?action=BroadScopeAspnGateway&product=sfm_bailian&api=" + API),
                Map.of("Cookie", credentials.cookie("Alibaba Cloud's coding plan"), "Origin", "https://bailian.console.aliyun.com",
                        "Referer", CONSOLE), form.toString());
        String code = body.path("code").asText("");
        if (code.toLowerCase(Locale.ROOT).contains("needlogin") || code.equalsIgnoreCase("PostonlyOrTokenError")) {
            throw QuotaException.refused("the Alibaba Cloud console wants a new sign-in (" + code
                    + "): the cookie in quota_token has expired; copy a fresh one (docs/quota.md)");
        }
        JsonNode quota = body.findPath("codingPlanQuotaInfo");
        List<QuotaWindow> windows = new ArrayList<>();
        window(QuotaWindow.FIVE_HOURS, quota, "per5Hour", windows);
        window(QuotaWindow.SEVEN_DAYS, quota, "perWeek", windows);
        window("month", quota, "perBillMonth", windows);
        if (windows.isEmpty()) {
            if (body.path("successResponse").isBoolean() && !body.path("successResponse").booleanValue()) {
                throw new QuotaException("the Alibaba Cloud console answered " + (code.isEmpty() ? "an error" : code), false);
            }
            throw QuotaException.changed("codingPlanInstanceInfos[].codingPlanQuotaInfo (is a coding plan subscribed?)");
        }
        return QuotaReading.ofWindows(windows);
    }

    private static void window(String name, JsonNode quota, String prefix, List<QuotaWindow> windows) {
        Numbers.window(name, Numbers.number(quota.path(prefix + "UsedQuota")), Numbers.number(quota.path(prefix + "TotalQuota")),
                Numbers.instant(quota.path(prefix + "QuotaNextRefreshTime"))).ifPresent(windows::add);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
