package dev.ccr.server;

import dev.ccr.testing.RunningRouter;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The web UI's files come from the jar under {@code /ui/} with their content types and revalidation headers. */
class UiFilesTest {
    @Test
    void thePagesScriptsAndStylesAreServedWithTheirTypesAndRevalidated() {
        try (RunningRouter router = RunningRouter.start("{\"Providers\":[],\"Router\":{}}")) {
            HttpResponse<String> page = router.get("/ui/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
            assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(p -> assertThat(p).contains("default-src 'self'"));
            assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\">");

            HttpResponse<String> script = router.get("/ui/js/app.js");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
            assertThat(router.get("/ui/style.css").headers().firstValue("content-type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));

            String lastModified = script.headers().firstValue("last-modified").orElseThrow();
            assertThat(router.get("/ui/js/app.js", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        }
    }

    @Test
    void uiWithoutItsSlashRedirectsAndAMissingFileIsA404() {
        try (RunningRouter router = RunningRouter.start("{\"Providers\":[],\"Router\":{}}")) {
            HttpResponse<String> bare = router.get("/ui");
            assertThat(bare.statusCode()).isEqualTo(302);
            assertThat(bare.headers().firstValue("location")).hasValue("/ui/");
            assertThat(router.get("/ui/nothing-here.js").statusCode()).isEqualTo(404);
            assertThat(router.get("/ui/../config.json").statusCode()).isNotEqualTo(200);
        }
    }
}
