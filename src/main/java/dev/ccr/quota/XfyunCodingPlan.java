package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iFlytek MaaS's coding plan, read as its console reads it (not a public API): {@code GET
 * /api/v1/gpt-finetune/coding-plan/list?page=1&size=10} with the console cookie from {@code quota_token} and its
 * {@code atp-auth-token} (or {@code tenantToken}) as {@code Authorization}. Each plan carries {@code
 * codingPlanUsageDTO} with {@code rp5hUsage}/{@code rp5hLimit} (5 hours) and {@code rpwUsage}/{@code rpwLimit} (week);
 * the plan whose {@code codingPlanAppCredentialDTO.apiKey} is part of the provider's key is chosen, else the first.
 * {@code {"succeed": false}} or {@code {"failed": true}} is a refusal (a signed-out console).
 */
final class XfyunCodingPlan implements QuotaAdapter {
    private static final Pattern AUTH_COOKIE = Pattern.compile("(?:^|;\\s*)(?:atp-auth-token|tenantToken)=([^;]+)");

    private final URI base;

    XfyunCodingPlan(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "xfyun-coding-plan";
    }

    @Override
    public QuotaReading read(QuotaCredentials credentials, QuotaHttp http) throws QuotaException {
        String cookie = credentials.cookie("iFlytek's coding plan");
        Matcher auth = AUTH_COOKIE.matcher(cookie);
        String authorization = auth.find() ? URLDecoder.decode(auth.group(1), StandardCharsets.UTF_8) : cookie;
        JsonNode body = http.get(base.resolve("/api/v1/gpt-finetune/coding-plan/list?page=1&size=10"),
                Map.of("Cookie", cookie, "Authorization", authorization.trim(), "Origin", "https://maas.xfyun.cn",
                        "Referer", "https://maas.xfyun.cn/packageSubscription"));
        if (!body.path("succeed").asBoolean(true) || body.path("failed").asBoolean(false)) {
            throw QuotaException.refused("the iFlytek console refused the cookie in quota_token (it has probably expired)");
        }
        List<JsonNode> plans = body.findParents("codingPlanUsageDTO");
        JsonNode plan = plans.stream().filter(p -> matches(p, credentials.apiKey())).findFirst()
                .or(() -> plans.stream().findFirst())
                .orElseThrow(() -> QuotaException.changed("codingPlanUsageDTO (is a coding plan subscribed?)"))
                .path("codingPlanUsageDTO");
        List<QuotaWindow> windows = new ArrayList<>();
        Numbers.window(QuotaWindow.FIVE_HOURS, Numbers.number(plan.path("rp5hUsage")), Numbers.number(plan.path("rp5hLimit")),
                Optional.empty()).ifPresent(windows::add);
        Numbers.window(QuotaWindow.SEVEN_DAYS, Numbers.number(plan.path("rpwUsage")), Numbers.number(plan.path("rpwLimit")),
                Optional.empty()).ifPresent(windows::add);
        if (windows.isEmpty()) {
            throw QuotaException.changed("codingPlanUsageDTO usage and limits");
        }
        return QuotaReading.ofWindows(windows);
    }

    /** iFlytek keys are written {@code key:secret}; the plan names the key part. */
    private static boolean matches(JsonNode plan, String providerKey) {
        String planKey = plan.path("codingPlanAppCredentialDTO").path("apiKey").asText("").trim();
        if (planKey.isEmpty() || providerKey.isEmpty()) {
            return false;
        }
        for (String part : providerKey.split(":")) {
            if (!part.isBlank() && part.trim().equals(planKey)) {
                return true;
            }
        }
        return false;
    }
}
