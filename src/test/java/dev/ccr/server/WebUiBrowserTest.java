package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.app.RouterApp;
import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;
import dev.ccr.testing.HeadlessChromium;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in headless Chromium against a real ccr and a MockWebServer provider: each page shows what the API
 * holds, the filters and forms do what they say, and with an {@code APIKEY} the UI signs in first. With
 * {@code CCR_SCREENSHOTS=docs/ui} set, each test saves its page's screenshot there (for docs/ui.md).
 */
class WebUiBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":1200,"completion_tokens":340,"prompt_tokens_details":{"cached_tokens":800}}}""";
    private static final String TWO_PROVIDERS = """
            {"Providers":[{"name":"alpha","api_base_url":"%1$s","api_key":"sk-alpha-secret","models":["m","m2"]},
                          {"name":"beta","api_base_url":"%1$s","api_key":"$BETA_KEY","models":["m2"]}],
             "Router":{"default":"alpha,m"}}""";

    @TempDir
    Path home;

    private static void answerOk(MockWebServer upstream, int times) {
        for (int i = 0; i < times; i++) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
        }
    }

    private static void answerError(MockWebServer upstream) {
        upstream.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"unknown parameter: top_k\"}}").build());
    }

    private static int ask(RunningRouter router, String model) {
        return router.post("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}").statusCode();
    }

    private static RunningRouter twoProviders(MockWebServer upstream) {
        return RunningRouter.start(TWO_PROVIDERS.formatted(Upstreams.url(upstream, "/v1/chat/completions")),
                Map.of("BETA_KEY", "sk-beta-secret", "SERVICE_PORT", "0"));
    }

    /** How much of a quota window's bar its fill covers, as drawn. */
    private static double filledShare(WebElement window) {
        return (double) window.findElement(By.cssSelector(".quota-fill")).getSize().getWidth()
                / window.findElement(By.cssSelector(".quota-bar")).getSize().getWidth();
    }

    private static void screenshot(HeadlessChromium browser, String name) {
        String dir = System.getenv("CCR_SCREENSHOTS");
        if (dir != null && !dir.isBlank()) {
            browser.screenshot(Path.of(dir, name + ".png"));
        }
    }

    private static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private static String figure(HeadlessChromium browser, String section, String name) {
        return browser.find("#" + section + " [data-figure=" + name + "] .value").getText();
    }

    @Test
    void theDashboardShowsTheRequestsJustMade() {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = twoProviders(upstream);
             HeadlessChromium browser = HeadlessChromium.start(1100, 900)) {
            answerOk(upstream, 2);
            answerError(upstream);
            assertThat(ask(router, "claude-sonnet-4")).isEqualTo(200);
            assertThat(ask(router, "beta,m2")).isEqualTo(200);
            assertThat(ask(router, "claude-sonnet-4")).isEqualTo(400);

            browser.open(router.uri("/ui/").toString());

            browser.until(d -> figure(browser, "today", "requests").equals("3"));
            assertThat(figure(browser, "today", "success")).isEqualTo("66.7%");
            assertThat(figure(browser, "period", "requests")).isEqualTo("3");
            assertThat(browser.find("#in-flight").getText()).isEqualTo("0");
            assertThat(browser.find(".hbars").getText()).contains("alpha", "beta");
            screenshot(browser, "dashboard");

            browser.open(router.uri("/ui/#/dashboard?from=2020-01-01&to=2020-01-31").toString());
            browser.until(d -> figure(browser, "period", "requests").equals("0"));
            assertThat(browser.find("#period h2").getText()).isEqualTo("2020-01-01 to 2020-01-31");
            assertThat(figure(browser, "today", "requests")).isEqualTo("3");
        }
    }

    @Test
    void secretsReachThePageOnlyAfterRevealingIsConfirmed() {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = twoProviders(upstream);
             HeadlessChromium browser = HeadlessChromium.start(1100, 800)) {
            browser.open(router.uri("/ui/#/config").toString());
            assertThat(browser.find("fieldset input[name=api_key]").getDomProperty("value")).isEqualTo(SecretMask.MASK);

            browser.find("#reveal").click();
            browser.until(ExpectedConditions.alertIsPresent()).dismiss();
            assertThat(browser.driver().getPageSource()).doesNotContain("sk-alpha-secret");

            browser.find("#reveal").click();
            browser.until(ExpectedConditions.alertIsPresent()).accept();
            browser.until(d -> "sk-alpha-secret".equals(
                    d.findElement(By.cssSelector("fieldset input[name=api_key]")).getDomProperty("value")));
        }
    }

    @Test
    void theHistoryFiltersKeepOnlyTheMatchingRecords() {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = twoProviders(upstream);
             HeadlessChromium browser = HeadlessChromium.start(1100, 800)) {
            answerOk(upstream, 2);
            answerError(upstream);
            ask(router, "claude-sonnet-4");
            ask(router, "beta,m2");
            ask(router, "claude-sonnet-4");

            browser.open(router.uri("/ui/#/history?pageSize=2").toString());
            browser.until(d -> d.findElements(By.cssSelector("tr.record")).size() == 2);
            assertThat(browser.find("#page").getText()).isEqualTo("page 1 of 2");
            browser.find("#next").click();
            browser.until(d -> d.findElements(By.cssSelector("tr.record")).size() == 1);
            assertThat(browser.find("#page").getText()).isEqualTo("page 2 of 2");

            browser.open(router.uri("/ui/#/history").toString());
            browser.until(d -> d.findElements(By.cssSelector("tr.record")).size() == 3);
            type(browser.find("#filters input[name=provider]"), "beta");
            browser.find("#apply").click();
            browser.until(d -> d.findElements(By.cssSelector("tr.record")).size() == 1);
            assertThat(browser.find("tr.record").getText()).contains("beta", "m2");

            browser.find("#filters button[type=button]").click();
            browser.until(d -> d.findElements(By.cssSelector("tr.record")).size() == 3);
            new org.openqa.selenium.support.ui.Select(browser.find("#filters select[name=status]")).selectByValue("error");
            browser.find("#apply").click();
            browser.until(d -> d.findElements(By.cssSelector("tr.record")).size() == 1);
            browser.find("tr.record").click();
            assertThat(browser.find("tr.detail-row").getText()).contains("Attempts", "unknown parameter: top_k");
            assertThat(browser.find("#total").getText()).isEqualTo("1 record");
            screenshot(browser, "history");
        }
    }

    @Test
    void theProvidersPageShowsEachModelWithItsCircuitAndRecentErrors() {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = twoProviders(upstream);
             HeadlessChromium browser = HeadlessChromium.start(1100, 700)) {
            answerOk(upstream, 1);
            answerError(upstream);
            ask(router, "claude-sonnet-4");
            ask(router, "claude-sonnet-4");

            browser.open(router.uri("/ui/#/providers").toString());

            WebElement alpha = browser.find("tr[data-model='alpha,m']");
            assertThat(alpha.getText()).contains("closed").contains("unknown parameter: top_k");
            assertThat(browser.find("tr[data-model='beta,m2']").getText()).contains("closed");
            screenshot(browser, "providers");
        }
    }

    @Test
    void theProvidersPageShowsQuotaBarsAndTheDashboardWarnsOfAProviderBelowItsReserve() {
        try (MockWebServer upstream = Upstreams.mock(); MockWebServer quota = Upstreams.mock();
             RunningRouter router = RunningRouter.start("""
                     {"Quota":{"intervalMinutes":0,"reserve":{"percent":10,"scenarios":["think"]}},
                      "Providers":[{"name":"glm","api_base_url":"%s","api_key":"sk-glm","models":["glm-4.6"],
                                    "quota":{"adapter":"zhipu-coding","url":"%s"}}],
                      "Router":{"default":"glm,glm-4.6"}}""".formatted(Upstreams.url(upstream, "/v1/chat/completions"),
                     Upstreams.url(quota, "/")));
             HeadlessChromium browser = HeadlessChromium.start(1100, 800)) {
            String limits = """
                    {"code":200,"success":true,"data":{"limits":[
                      {"type":"TOKENS_LIMIT","unit":3,"usage":1000,"currentValue":%d,"nextResetTime":1893456000000},
                      {"type":"TOKENS_LIMIT","unit":6,"usage":10000,"currentValue":2500,"nextResetTime":1893801600000}]}}""";
            quota.enqueue(new MockResponse.Builder().body(limits.formatted(920)).build());
            quota.enqueue(new MockResponse.Builder().body(limits.formatted(100)).build());
            assertThat(router.post("/api/providers/probe", "{\"providerName\":\"glm\"}").statusCode()).isEqualTo(200);

            browser.open(router.uri("/ui/").toString());
            browser.until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#quota-warnings [data-provider='glm']")).isEmpty());
            assertThat(browser.find("#quota-warnings").getText()).contains("glm").contains("kept in reserve for think");

            browser.open(router.uri("/ui/#/providers").toString());
            WebElement fiveHours = browser.find("section[data-provider='glm'] .quota-window[data-window='5h']");
            assertThat(fiveHours.getText()).contains("8% left").contains("resets");
            assertThat(filledShare(fiveHours)).as("the 5h bar shows 92 % used").isBetween(0.88, 0.96);
            assertThat(filledShare(browser.find("section[data-provider='glm'] .quota-window[data-window='7d']")))
                    .as("the 7d bar shows 25 % used").isBetween(0.21, 0.29);
            assertThat(browser.find("section[data-provider='glm'] .quota-window[data-window='7d']").getText()).contains("75% left");
            assertThat(browser.find("section[data-provider='glm'] .quota").getAttribute("data-quota-state")).isEqualTo("reserve");
            screenshot(browser, "providers-quota");

            browser.find("section[data-provider='glm'] .quota-probe").click();
            browser.until(d -> browser.find("section[data-provider='glm'] .quota").getAttribute("data-quota-state").equals("ok"));
            assertThat(browser.find("section[data-provider='glm'] .quota-window[data-window='5h']").getText()).contains("90% left");
        }
    }

    @Test
    void aConfigEditInTheFormIsShownAsADiffThenSavedWithTheSecretsKept() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = twoProviders(upstream);
             HeadlessChromium browser = HeadlessChromium.start(1100, 1000)) {
            browser.open(router.uri("/ui/#/config/router").toString());
            assertThat(browser.driver().getPageSource()).doesNotContain("sk-alpha-secret");

            type(browser.find("input[name=default]"), "beta,m2");
            browser.find("#review-button").click();
            assertThat(browser.find("#diff").getText()).contains("-     \"default\": \"alpha,m\"", "+     \"default\": \"beta,m2\"");
            screenshot(browser, "config-review");
            browser.find("#confirm-save").click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#outcome"), "Config saved"));

            JsonNode saved = JSON.readTree(Files.readString(router.configFile()));
            assertThat(saved.at("/Router/default").asText()).isEqualTo("beta,m2");
            assertThat(saved.at("/Providers/0/api_key").asText()).isEqualTo("sk-alpha-secret");
            assertThat(saved.at("/Providers/1/api_key").asText()).isEqualTo("$BETA_KEY");
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#backups"), "config.json."));
            assertThat(browser.find("#outcome").isDisplayed()).isTrue();
            screenshot(browser, "config"); // the save message, with the backup it made
        }
    }

    @Test
    void theNextRequestFollowsTheSavedFormWithoutARestart() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = twoProviders(upstream);
             HeadlessChromium browser = HeadlessChromium.start(1100, 900)) {
            browser.open(router.uri("/ui/#/config/router").toString());
            type(browser.find("input[name=default]"), "beta,m2");
            browser.find("#review-button").click();
            browser.find("#confirm-save").click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#outcome"), "Config saved"));
            assertThat(browser.find("#outcome").getText()).contains("from the next request");
            answerOk(upstream, 1);

            assertThat(ask(router, "claude-sonnet-4")).isEqualTo(200);

            assertThat(upstream.takeRequest().getBody().utf8()).contains("\"model\":\"m2\"");
        }
    }

    @Test
    void anInvalidEditIsRefusedWithItsMessageAndNothingIsWritten() throws Exception {
        try (MockWebServer upstream = Upstreams.mock(); RunningRouter router = twoProviders(upstream);
             HeadlessChromium browser = HeadlessChromium.start(1100, 800)) {
            String before = Files.readString(router.configFile());
            browser.open(router.uri("/ui/#/config/raw").toString());

            WebElement raw = browser.find("#raw");
            type(raw, "{PORT: 'many', Providers: []}");
            browser.find("#review-button").click();

            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#outcome .bad"), "PORT"));
            assertThat(browser.driver().findElements(By.id("confirm-save"))).isEmpty();
            assertThat(Files.readString(router.configFile())).isEqualTo(before);
        }
    }

    @Test
    void theProviderFormAddsAFirstProvider() throws Exception {
        try (RunningRouter router = RunningRouter.start("{\"Providers\":[],\"Router\":{}}");
             HeadlessChromium browser = HeadlessChromium.start(420, 900)) {
            browser.open(router.uri("/ui/#/config/provider/new").toString());

            type(browser.find("fieldset input[name=name]"), "openrouter");
            type(browser.find("fieldset input[name=api_base_url]"), "https://openrouter.ai/api/v1/chat/completions");
            type(browser.find("fieldset input[name=api_key]"), "$OPENROUTER_API_KEY");
            type(browser.find("fieldset input[name=models]"), "anthropic/claude-sonnet-4, google/gemini-2.5-pro");
            screenshot(browser, "provider-form-narrow");
            browser.find("#review-button").click();
            browser.find("#confirm-save").click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#outcome"), "Config saved"));

            JsonNode provider = JSON.readTree(Files.readString(router.configFile())).at("/Providers/0");
            assertThat(provider.path("name").asText()).isEqualTo("openrouter");
            assertThat(provider.path("models")).extracting(JsonNode::asText)
                    .containsExactly("anthropic/claude-sonnet-4", "google/gemini-2.5-pro");
        }
    }

    @Test
    void withAnApiKeyTheUiAsksForItOnceAndTheApiRefusesACallWithoutIt() {
        try (RunningRouter router = RunningRouter.start("{\"APIKEY\":\"let-me-in\",\"Providers\":[],\"Router\":{}}");
             HeadlessChromium browser = HeadlessChromium.start(1100, 700)) {
            assertThat(router.get("/api/usage/summary").statusCode()).isEqualTo(401);

            browser.open(router.uri("/ui/").toString());
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
            screenshot(browser, "login");
            browser.find("#login-key").sendKeys("wrong");
            browser.find("#login-submit").click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "Invalid API key"));

            type(browser.find("#login-key"), "let-me-in");
            browser.find("#login-submit").click();

            browser.until(d -> figure(browser, "today", "requests").equals("0"));
            assertThat(browser.driver().executeScript("return document.cookie")).isEqualTo("");
            browser.open(router.uri("/ui/#/history").toString());
            assertThat(browser.find("#total").getText()).isEqualTo("0 records");
            assertThat(browser.driver().findElement(By.id("login")).isDisplayed()).isFalse();
        }
    }

    @Test
    void theLogsPageShowsTheNewestLinesFilteredByLevel() throws Exception {
        Path logs = Files.createDirectories(home.resolve("logs"));
        long t = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        Files.write(logs.resolve("ccr-20261201100000.log"), List.of(
                line(t, "INFO", "a1", "ccr listening on 127.0.0.1:3456"),
                line(t + 1000, "INFO", "a2", "POST /v1/messages → alpha,m 200 in 812 ms"),
                line(t + 2000, "WARN", "a3", "alpha,m answered 429; retrying in 1000 ms"),
                line(t + 3000, "ERROR", "a3", "alpha,m failed: the prompt is too long")));
        Files.writeString(home.resolve("config.json"), "{\"PORT\":0,\"Providers\":[],\"Router\":{}}");
        ConfigStore store = new ConfigStore(home.resolve("config.json"), Map.of(), Clock.systemUTC());
        Config config = store.load(s -> { });
        try (RouterApp app = RouterApp.start(config, store, new RouterApp.Options(Optional.of(new CcrHome(home)), Map.of(), home.resolve("tmp"), "test"));
             HeadlessChromium browser = HeadlessChromium.start(1100, 600)) {
            browser.open("http://127.0.0.1:" + app.port() + "/ui/#/logs");
            browser.until(d -> d.findElements(By.cssSelector("#log-lines tbody tr")).size() == 4);
            assertThat(browser.find("#log-lines tbody tr").getText()).contains("ERROR", "the prompt is too long");
            screenshot(browser, "logs");

            new org.openqa.selenium.support.ui.Select(browser.find("#log-filters select[name=level]")).selectByValue("WARN");
            browser.until(d -> d.findElements(By.cssSelector("#log-lines tbody tr")).size() == 1);
            browser.find("#log-lines tbody tr a").click();
            browser.until(d -> d.findElements(By.cssSelector("#log-lines tbody tr")).size() == 2);
        }
    }

    private static String line(long time, String level, String reqId, String msg) {
        return JSON.createObjectNode().put("time", time).put("level", level).put("msg", msg)
                .put("logger", "dev.ccr.observe.AccessLog").put("thread", "ccr-request-1").put("reqId", reqId).toString();
    }
}
