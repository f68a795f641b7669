package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class InstallCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = """
            {
              "name": "kimi", "version": "1.0.0", "description": "Kimi for everything",
              "schema": [{"id": "apiKey", "label": "Moonshot API key"}],
              "Providers": [{"name": "kimi", "api_base_url": "https://api.moonshot.cn/v1/chat/completions",
                             "api_key": "#{apiKey}", "models": ["kimi-k2"]}],
              "Router": {"default": "kimi,kimi-k2"},
              "StatusLine": {"default": {"modules": [{"type": "script", "scriptPath": "status.js"}]}}
            }""";

    /** A zip holding {@code entries} (name to content), in order. */
    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The preset as GitHub archives a repository: everything inside {@code kimi-preset-main/}. */
    private static byte[] githubArchive() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("kimi-preset-main/", "");
        entries.put("kimi-preset-main/manifest.json", MANIFEST);
        entries.put("kimi-preset-main/status.js", "module.exports = () => 'kimi';");
        return zip(entries);
    }

    private static void assertInstalled(CliTestHome home, CliTestHome.Result result, String apiKey) throws IOException {
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Installing preset: kimi", "Configuration required: 1 field(s)",
                "✓ Preset installed: kimi");
        Path installed = home.presets().resolve("kimi");
        assertThat(installed.resolve("status.js")).hasContent("module.exports = () => 'kimi';");
        JsonNode manifest = JSON.readTree(Files.readString(installed.resolve("manifest.json")));
        assertThat(manifest.path("userValues").path("apiKey").asText()).isEqualTo(apiKey);
    }

    private static boolean nothingStaged(CliTestHome home) throws IOException {
        try (Stream<Path> files = Files.list(home.tempDir())) {
            return files.noneMatch(p -> p.getFileName().toString().startsWith("ccr-install-"));
        }
    }

    @Test
    void installsAFolderAskingItsInputs() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            Path folder = Files.createDirectories(home.dir().resolve("src").resolve("kimi"));
            Files.writeString(folder.resolve("manifest.json"), MANIFEST);
            Files.writeString(folder.resolve("status.js"), "module.exports = () => 'kimi';");

            CliTestHome.Result result = home.answering("sk-typed\n", "install", folder.toString());

            assertInstalled(home, result, "sk-typed");
        }
    }

    @Test
    void installsAZipFileWhosePresetSitsInOneTopFolder() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            Path zip = home.dir().resolve("kimi-download.zip");
            Files.write(zip, githubArchive());

            CliTestHome.Result result = home.run("install", zip.toString(), "--set", "apiKey=sk-set");

            assertInstalled(home, result, "sk-set");
            assertThat(nothingStaged(home)).as("the unpacked copy is removed").isTrue();
            assertThat(home.run("install", zip.toString(), "--set", "apiKey=k").err())
                    .contains("Preset 'kimi' is already installed");
        }
    }

    @Test
    void installsFromAUrlOfAnArchive() throws Exception {
        try (MockWebServer server = Upstreams.mock(); CliTestHome home = CliTestHome.create()) {
            server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/zip")
                    .body(new Buffer().write(githubArchive())).build());
            String url = Upstreams.url(server, "/someone/kimi-preset/archive/refs/heads/main.zip");

            CliTestHome.Result result = home.run("install", url, "--allow-http-loopback", "--set", "apiKey=sk-url");

            assertInstalled(home, result, "sk-url");
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getUrl().encodedPath()).isEqualTo("/someone/kimi-preset/archive/refs/heads/main.zip");
            assertThat(nothingStaged(home)).isTrue();
        }
    }

    @Test
    void aUrlMustBeHttpsAndAFailedDownloadSaysWhy() throws Exception {
        try (MockWebServer server = Upstreams.mock(); CliTestHome home = CliTestHome.create()) {
            String url = Upstreams.url(server, "/missing.zip");
            CliTestHome.Result plain = home.run("install", url);
            assertThat(plain.code()).isEqualTo(1);
            assertThat(plain.err()).contains("Only https:// URLs are accepted");
            assertThat(server.getRequestCount()).isZero();

            server.enqueue(new MockResponse.Builder().code(404).body("no such preset").build());
            CliTestHome.Result missing = home.run("install", url + "?token=secret-in-query", "--allow-http-loopback");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("/missing.zip failed: HTTP 404").doesNotContain("secret-in-query");
            assertThat(home.presets()).doesNotExist();
        }
    }

    @Test
    void anArchiveWithAnEntryOutsideItsFolderIsRefusedWhole() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("manifest.json", MANIFEST);
            entries.put("../../escaped.txt", "zip-slip");
            Path zip = home.dir().resolve("src").resolve("evil.zip");
            Files.createDirectories(zip.getParent());
            Files.write(zip, zip(entries));

            CliTestHome.Result result = home.run("install", zip.toString(), "--set", "apiKey=k");

            assertThat(result.code()).isEqualTo(1);
            assertThat(result.err()).contains("Refusing the archive: entry '../../escaped.txt' points outside the preset folder.");
            try (Stream<Path> files = Files.walk(home.dir())) {
                assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("escaped.txt");
            }
            assertThat(home.presets()).doesNotExist();
            assertThat(nothingStaged(home)).isTrue();
        }
    }

    @Test
    void aBareNameSaysWhatToPassInstead() {
        try (CliTestHome home = CliTestHome.create()) {
            CliTestHome.Result result = home.run("install", "kimi");

            assertThat(result.code()).isEqualTo(1);
            assertThat(result.err()).contains("ccr has no preset marketplace, so 'kimi' cannot be looked up by name.",
                    "ccr install ./kimi", "ccr install kimi.zip", "https://");
        }
    }
}
