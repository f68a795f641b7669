package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.app.RouterApp;
import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The UI's log files, confined to the logs folder (docs/compatibility.md, HTTP surface). */
@Tag("ccr-11.75")
class LogsEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path home;

    private HttpResponse<String> call(RouterApp app, String method, String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsReadsAndClearsOnlyFilesInTheLogsFolder() throws Exception {
        Path logs = Files.createDirectories(home.resolve("logs"));
        Path older = Files.writeString(logs.resolve("ccr-20261125100000.log"), "old line\n");
        Path newer = Files.writeString(logs.resolve("ccr-20261126100000.log"), "first\n\nsecond\n");
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-11-25T10:00:00Z")));
        Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-11-26T10:00:00Z")));
        Path secret = Files.writeString(home.resolve("secret.log"), "do not read\n");
        Files.writeString(home.resolve("config.json"), "{\"PORT\":0}");
        ConfigStore store = new ConfigStore(home.resolve("config.json"), Map.of(), Clock.systemUTC());
        Config config = store.load(s -> { });

        try (RouterApp app = RouterApp.start(config, store,
                new RouterApp.Options(Optional.of(new CcrHome(home)), Map.of(), home.resolve("tmp"), "test"))) {
            JsonNode files = JSON.readTree(call(app, "GET", "/api/logs/files").body());
            assertThat(files).extracting(f -> f.get("name").asText()).containsExactly(newer.getFileName().toString(), older.getFileName().toString());
            assertThat(files.get(0).get("size").asLong()).isEqualTo(Files.size(newer));

            assertThat(call(app, "GET", "/api/logs").body()).isEqualTo("[\"first\",\"second\"]");
            assertThat(call(app, "GET", "/api/logs?file=" + older).body()).isEqualTo("[\"old line\"]");

            HttpResponse<String> outside = call(app, "GET", "/api/logs?file=" + secret);
            assertThat(outside.statusCode()).isEqualTo(403);
            assertThat(call(app, "GET", "/api/logs?file=" + logs.resolve("../secret.log")).statusCode()).isEqualTo(403);
            assertThat(call(app, "DELETE", "/api/logs?file=" + secret).statusCode()).isEqualTo(403);
            assertThat(Files.readString(secret)).isEqualTo("do not read\n");

            HttpResponse<String> cleared = call(app, "DELETE", "/api/logs?file=" + older);
            assertThat(JSON.readTree(cleared.body()).get("message").asText()).isEqualTo("Logs cleared successfully");
            assertThat(Files.size(older)).isZero();
        }
    }
}
