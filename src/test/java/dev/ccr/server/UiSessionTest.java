package dev.ccr.server;

import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an {@code APIKEY}, the UI trades the key for an {@code HttpOnly; SameSite=Strict} session cookie that the API
 * accepts like the key; state-changing calls from another origin are refused unless they carry the key themselves.
 */
class UiSessionTest {
    private static final String CONFIG = "{\"APIKEY\":\"let-me-in\",\"Providers\":[],\"Router\":{}}";

    private static String login(RunningRouter router) {
        HttpResponse<String> answer = router.post("/api/ui/login", "{\"key\":\"let-me-in\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        String cookie = answer.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    @Test
    void theRightKeyGivesASessionCookieTheApiAccepts() {
        try (RunningRouter router = RunningRouter.start(CONFIG)) {
            assertThat(router.get("/api/config").statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = router.post("/api/ui/login", "{\"key\":\"guess\"}");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("set-cookie")).isEmpty();
            assertThat(wrong.body()).contains("\"type\":\"authentication_error\"");

            String cookie = login(router);

            assertThat(router.get("/api/config", "Cookie", cookie).statusCode()).isEqualTo(200);
            assertThat(router.get("/api/config", "Cookie", "ccr_session=forged").statusCode()).isEqualTo(401);
            router.post("/api/ui/logout", "", "Cookie", cookie, "Origin", "http://127.0.0.1:" + router.port());
            assertThat(router.get("/api/config", "Cookie", cookie).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aChangeFromAnotherOriginIsRefusedEvenWithASessionCookie() {
        try (RunningRouter router = RunningRouter.start(CONFIG)) {
            String cookie = login(router);
            String self = "http://127.0.0.1:" + router.port();

            HttpResponse<String> forged = router.post("/api/config", "{\"Providers\":[]}", "Cookie", cookie, "Origin", "https://evil.example");
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.headers().firstValue("connection")).as("refused before its body was read").contains("close");
            assertThat(forged.body()).contains("Changes from another origin are refused");
            assertThat(router.post("/api/config", "{\"Providers\":[]}", "Cookie", cookie, "Sec-Fetch-Site", "cross-site").statusCode())
                    .isEqualTo(403);
            assertThat(router.post("/api/ui/login", "{\"key\":\"let-me-in\"}", "Origin", "https://evil.example").statusCode())
                    .isEqualTo(403);

            assertThat(router.post("/api/config", "{\"Providers\":[],\"APIKEY\":\"let-me-in\"}", "Cookie", cookie,
                    "Origin", self, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
            assertThat(router.post("/api/config", "{\"Providers\":[],\"APIKEY\":\"let-me-in\"}", "x-api-key", "let-me-in",
                    "Origin", "https://tool.example").statusCode()).as("a caller holding the key forges nothing").isEqualTo(200);
        }
    }
}
