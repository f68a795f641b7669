package dev.ccr.quota;

import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each quota adapter against a MockWebServer replaying its provider's answer (docs/quota.md names which shapes are
 * documented and which are what the provider's console or CLI reads), plus how failures read.
 */
class QuotaAdaptersTest {
    private static final String KEY = "sk-secret-key";
    private static final String COOKIE = "login_aliyunid_ticket=SECRET-COOKIE; atp-auth-token=SECRET-TOKEN";

    private final MockWebServer server = Upstreams.mock();
    private final QuotaHttp http = QuotaHttp.create(Optional.empty(), Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        server.close();
    }

    private QuotaAdapter adapter(String name) {
        return QuotaAdapters.forProvider(URI.create("https://relay.example"), Optional.of(name),
                Optional.of(URI.create(Upstreams.url(server, "/")))).orElseThrow();
    }

    private void answer(String json) {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(json).build());
    }

    private QuotaReading read(String adapter, Optional<String> token) throws QuotaException {
        return adapter(adapter).read(new QuotaCredentials(URI.create("https://relay.example"), KEY, token, Optional.empty()), http);
    }

    private QuotaReading read(String adapter) throws QuotaException {
        return read(adapter, Optional.empty());
    }

    private static QuotaWindow window(QuotaReading reading, String name) {
        return reading.window(name).orElseThrow(() -> new AssertionError("no " + name + " window in " + reading));
    }

    /* --------------- Choosing an adapter --------------- */

    @Test
    void theAdapterIsChosenByTheHostOfTheProvidersEndpoint() {
        assertThat(name("https://api.deepseek.com/chat/completions")).contains("deepseek");
        assertThat(name("https://openrouter.ai/api/v1/chat/completions")).contains("openrouter");
        assertThat(name("https://api.siliconflow.cn/v1/chat/completions")).contains("siliconflow");
        assertThat(name("https://api.moonshot.cn/v1/chat/completions")).contains("moonshot");
        assertThat(name("https://api.kimi.com/coding/v1/messages")).contains("kimi-coding");
        assertThat(name("https://api.minimaxi.com/anthropic/v1/messages")).contains("minimax");
        assertThat(name("https://open.bigmodel.cn/api/anthropic/v1/messages")).contains("zhipu-coding");
        assertThat(name("https://coding.dashscope.aliyuncs.com/v1/chat/completions")).contains("aliyun-coding-plan");
        assertThat(name("https://maas-coding-api.cn-huabei-1.xf-yun.com/v2/chat/completions")).contains("xfyun-coding-plan");
        assertThat(name("https://api.anthropic.com/v1/messages")).isEmpty();
        assertThat(name("http://127.0.0.1:8080/v1/chat/completions")).isEmpty();
        assertThat(name("https://notdeepseek.com/v1")).isEmpty();
    }

    private static Optional<String> name(String url) {
        return QuotaAdapters.forBaseUrl(URI.create(url)).map(QuotaAdapter::name);
    }

    @Test
    void quotaAdapterNamesAnAdapterForAProviderBehindARelayAndAnUnknownNameNamesNone() {
        assertThat(QuotaAdapters.forProvider(URI.create("https://relay.example/v1"), Optional.of("DeepSeek"), Optional.empty())
                .map(QuotaAdapter::name)).contains("deepseek");
        assertThat(QuotaAdapters.forProvider(URI.create("https://api.deepseek.com"), Optional.of("nope"), Optional.empty())).isEmpty();
    }

    /* --------------- One test per adapter --------------- */

    @Test
    void deepSeekReadsTheDocumentedUserBalance() throws Exception {
        answer("""
                {"is_available": true, "balance_infos": [{"currency": "CNY", "total_balance": "110.00",
                 "granted_balance": "10.00", "topped_up_balance": "100.00"}]}""");
        QuotaBalance balance = read("deepseek").balance().orElseThrow();
        assertThat(balance.remaining().getAsDouble()).isEqualTo(110.0);
        assertThat(balance.currency()).contains("CNY");
        assertThat(balance.exhausted()).isFalse();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/user/balance");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void deepSeekNotAvailableReadsAsNothingLeft() throws Exception {
        answer("{\"is_available\": false, \"balance_infos\": [{\"currency\": \"USD\", \"total_balance\": \"0.01\"}]}");
        assertThat(read("deepseek").balance().orElseThrow().exhausted()).isTrue();
    }

    @Test
    void openRouterTakesTheSmallerOfTheKeysLimitAndTheAccountsCredits() throws Exception {
        answer("""
                {"data": {"label": "sk-or-v1-abc...", "limit": 100, "limit_remaining": 74.5, "usage": 25.5,
                 "usage_daily": 1.25, "is_free_tier": false}}""");
        answer("{\"data\": {\"total_credits\": 50, \"total_usage\": 42}}");
        QuotaBalance balance = read("openrouter").balance().orElseThrow();
        assertThat(balance.total().getAsDouble()).isEqualTo(100);
        assertThat(balance.used().getAsDouble()).isEqualTo(25.5);
        assertThat(balance.remaining().getAsDouble()).isEqualTo(8);
        assertThat(balance.usedToday().getAsDouble()).isEqualTo(1.25);
        assertThat(balance.currency()).contains("USD");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v1/key");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v1/credits");
    }

    @Test
    void openRouterWithoutAKeyLimitAndWithoutCreditsAccessHasNoTotal() throws Exception {
        answer("{\"data\": {\"limit\": null, \"limit_remaining\": null, \"usage\": 3.5, \"usage_daily\": 0.5}}");
        server.enqueue(new MockResponse.Builder().code(403).body("{\"error\":{\"message\":\"forbidden\"}}").build());
        QuotaBalance balance = read("openrouter").balance().orElseThrow();
        assertThat(balance.total()).isEmpty();
        assertThat(balance.used().getAsDouble()).isEqualTo(3.5);
        assertThat(balance.exhausted()).isFalse();
    }

    @Test
    void siliconFlowReadsTheTotalBalanceAsWhatIsLeft() throws Exception {
        answer("""
                {"code": 20000, "message": "OK", "status": true, "data": {"id": "u1", "name": "me", "balance": "0.88",
                 "status": "normal", "chargeBalance": "88.00", "totalBalance": "88.88"}}""");
        QuotaBalance balance = read("siliconflow").balance().orElseThrow();
        assertThat(balance.remaining().getAsDouble()).isEqualTo(88.88);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/user/info");
    }

    @Test
    void moonshotReadsTheAvailableBalance() throws Exception {
        answer("""
                {"code": 0, "data": {"available_balance": 49.58894, "voucher_balance": 46.58893, "cash_balance": 3.00001},
                 "scode": "0x0", "status": true}""");
        assertThat(read("moonshot").balance().orElseThrow().remaining().getAsDouble()).isEqualTo(49.58894);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/users/me/balance");
    }

    @Test
    void kimiCodingReadsTheFiveHourAndWeeklyWindows() throws Exception {
        answer("""
                {"user": {"membership": {"level": "LEVEL_INTERMEDIATE"}},
                 "usage": {"limit": "100", "used": "40", "remaining": "60", "resetTime": "2026-12-07T00:00:00Z"},
                 "limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"},
                             "detail": {"limit": "100", "remaining": "0", "resetTime": "2026-12-02T09:14:42.960866Z"}}]}""");
        QuotaReading reading = read("kimi-coding", Optional.of("kimi-token"));
        QuotaWindow fiveHours = window(reading, "5h");
        assertThat(fiveHours.used()).isEqualTo(100);
        assertThat(fiveHours.exhausted()).isTrue();
        assertThat(fiveHours.resetAt()).contains(Instant.parse("2026-12-02T09:14:42.960866Z"));
        assertThat(window(reading, "7d").remainingPercent()).isEqualTo(60);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/coding/v1/usages");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer kimi-token");
    }

    @Test
    void miniMaxReadsItsUsageCountsAsWhatIsLeft() throws Exception {
        answer("""
                {"model_remains": [{"start_time": 1764651600000, "end_time": 1764669600000,
                  "current_interval_total_count": 1500, "current_interval_usage_count": 1200, "model_name": "MiniMax-M2",
                  "current_weekly_total_count": 15000, "current_weekly_usage_count": 15000, "weekly_end_time": 1765152000000}],
                 "base_resp": {"status_code": 0, "status_msg": "success"}}""");
        QuotaReading reading = read("minimax");
        assertThat(window(reading, "5h").used()).isEqualTo(300);
        assertThat(window(reading, "5h").limit()).isEqualTo(1500);
        assertThat(window(reading, "5h").resetAt()).contains(Instant.ofEpochMilli(1764669600000L));
        assertThat(window(reading, "7d").used()).isZero();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/api/openplatform/coding_plan/remains");
    }

    @Test
    void miniMaxAuthorizationFailureReadsAsRefused() {
        answer("{\"base_resp\": {\"status_code\": 1004, \"status_msg\": \"login fail: Please carry the API secret key\"}}");
        assertThatThrownBy(() -> read("minimax")).isInstanceOf(QuotaException.class)
                .satisfies(e -> assertThat(((QuotaException) e).refused()).isTrue());
    }

    @Test
    void zhipuReadsTokenWindowsByUnitAndSendsTheRawKey() throws Exception {
        answer("""
                {"code": 200, "msg": "Operation successful", "success": true, "data": {"limits": [
                  {"type": "TIME_LIMIT", "unit": 5, "number": 1, "usage": 1000, "currentValue": 12, "remaining": 988,
                   "percentage": 1, "nextResetTime": 1767225600000},
                  {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 97, "nextResetTime": 1764669600000},
                  {"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "usage": 4000, "currentValue": 1000, "remaining": 3000,
                   "nextResetTime": 1765152000000}]}}""");
        QuotaReading reading = read("zhipu-coding");
        assertThat(window(reading, "5h").used()).isEqualTo(97);
        assertThat(window(reading, "5h").limit()).isEqualTo(100);
        assertThat(window(reading, "7d").remainingPercent()).isEqualTo(75);
        assertThat(window(reading, "7d").resetAt()).contains(Instant.ofEpochMilli(1765152000000L));
        assertThat(window(reading, "tools-month").used()).isEqualTo(12);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/api/monitor/usage/quota/limit");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo(KEY);
    }

    @Test
    void aliyunPostsTheConsoleCallWithTheCookieAndSecTokenAndReadsThreeWindows() throws Exception {
        answer("""
                {"code": "200", "successResponse": true, "data": {"success": true, "DataV2": {"data": {"data": {
                  "codingPlanInstanceInfos": [{"planName": "Pro", "status": "VALID", "codingPlanQuotaInfo": {
                    "per5HourUsedQuota": 120, "per5HourTotalQuota": 1200, "per5HourQuotaNextRefreshTime": 1764669600000,
                    "perWeekUsedQuota": 9000, "perWeekTotalQuota": 9000, "perWeekQuotaNextRefreshTime": 1765152000000,
                    "perBillMonthUsedQuota": 9000, "perBillMonthTotalQuota": 18000}}]}}}}}""");
        QuotaReading reading = adapter("aliyun-coding-plan").read(new QuotaCredentials(URI.create("https://coding.dashscope.aliyuncs.com"),
                KEY, Optional.of(COOKIE), Optional.of("sec-123")), http);
        assertThat(window(reading, "5h").remainingPercent()).isEqualTo(90);
        assertThat(window(reading, "7d").exhausted()).isTrue();
        assertThat(window(reading, "7d").resetAt()).contains(Instant.ofEpochMilli(1765152000000L));
        assertThat(window(reading, "month").limit()).isEqualTo(18000);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).startsWith("/data/api.json?action=BroadScopeAspnGateway").contains(AliyunCodingPlan.API);
        assertThat(request.getHeaders().get("Cookie")).isEqualTo(COOKIE);
        String form = URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8);
        assertThat(form).contains("\"Api\":\"" + AliyunCodingPlan.API + "\"").contains("&region=cn-beijing").endsWith("&sec_token=sec-123");
    }

    @Test
    void aliyunWithAnExpiredCookieIsRefusedWithARemedy() {
        answer("{\"code\": \"ConsoleNeedLogin\", \"message\": \"You need to log in.\", \"requestId\": \"abc\", \"successResponse\": false}");
        assertThatThrownBy(() -> read("aliyun-coding-plan", Optional.of(COOKIE))).isInstanceOf(QuotaException.class)
                .satisfies(e -> assertThat(((QuotaException) e).refused()).isTrue())
                .hasMessageContaining("cookie in quota_token has expired")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void aliyunWithoutACookieSaysWhereToPutOne() {
        assertThatThrownBy(() -> read("aliyun-coding-plan")).hasMessageContaining("quota_token");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void xfyunPicksThePlanOfTheProvidersKeyAndSignsInWithTheCookiesAuthToken() throws Exception {
        answer("""
                {"succeed": true, "failed": false, "data": {"list": [
                  {"codingPlanAppCredentialDTO": {"apiKey": "other"}, "codingPlanUsageDTO": {"rp5hUsage": 1, "rp5hLimit": 10}},
                  {"codingPlanAppCredentialDTO": {"apiKey": "mine"},
                   "codingPlanUsageDTO": {"rp5hUsage": 45, "rp5hLimit": 60, "rpwUsage": 100, "rpwLimit": 1000}}]}}""");
        QuotaReading reading = adapter("xfyun-coding-plan").read(new QuotaCredentials(URI.create("https://maas.xf-yun.com"),
                "mine:secret", Optional.of(COOKIE), Optional.empty()), http);
        assertThat(window(reading, "5h").used()).isEqualTo(45);
        assertThat(window(reading, "7d").limit()).isEqualTo(1000);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/api/v1/gpt-finetune/coding-plan/list?page=1&size=10");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("SECRET-TOKEN");
    }

    @Test
    void xfyunSignedOutConsoleIsRefused() {
        answer("{\"succeed\": false, \"failed\": true, \"code\": 401, \"desc\": \"not login\"}");
        assertThatThrownBy(() -> read("xfyun-coding-plan", Optional.of(COOKIE)))
                .satisfies(e -> assertThat(((QuotaException) e).refused()).isTrue());
    }

    /* --------------- Failures --------------- */

    @Test
    void anExpiredCookieOrWrongKeyAnsweredWith401IsRefusedWithoutEchoingIt() {
        server.enqueue(new MockResponse.Builder().code(401).body("{\"error\": \"bad key " + KEY + "\"}").build());
        assertThatThrownBy(() -> read("deepseek")).isInstanceOf(QuotaException.class)
                .satisfies(e -> assertThat(((QuotaException) e).refused()).isTrue())
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void aServerErrorAChangedAnswerAndNonJsonSayWhatWentWrong() {
        server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        assertThatThrownBy(() -> read("siliconflow")).hasMessageContaining("HTTP 500")
                .satisfies(e -> assertThat(((QuotaException) e).refused()).isFalse());
        answer("{\"data\": {\"somethingElse\": 1}}");
        assertThatThrownBy(() -> read("siliconflow")).hasMessageContaining("data.totalBalance").hasMessageContaining("changed");
        server.enqueue(new MockResponse.Builder().code(200).body("<html>login</html>").build());
        assertThatThrownBy(() -> read("moonshot")).hasMessageContaining("not JSON");
    }

    @Test
    void aRedirectToALoginPageIsRefused() {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "https://signin.example/login").build());
        assertThatThrownBy(() -> read("kimi-coding")).satisfies(e -> assertThat(((QuotaException) e).refused()).isTrue());
    }
}
