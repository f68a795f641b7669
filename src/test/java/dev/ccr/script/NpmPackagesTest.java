package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.ccr.script.PluginCorpusTest.ANSWER;
import static dev.ccr.script.PluginCorpusTest.json;
import static dev.ccr.script.PluginCorpusTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** npm packages installed next to a plugin load with their dependencies, as in Node (installed from npm here). */
class NpmPackagesTest {
    private static final List<String> PACKAGES = List.of("uuid@11.1.0", "google-auth-library@10.5.0");

    private static boolean npmAvailable() {
        try {
            Process version = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void uuidAndGoogleAuthLibraryInstalledNextToAPluginLoadAndWork() throws Exception {
        assumeTrue(npmAvailable(), "npm is not on PATH, so the packages for this test cannot be installed");
        Path dir = ScriptFiles.folder();
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
        command.addAll(PACKAGES);
        Process install = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(install.exitValue()).as("npm install: %s", output).isZero();

        Path plugin = ScriptFiles.write(dir, "google.js", NodeModulesTest.reporting("google", """
                const { v4, validate } = require('uuid');
                const { GoogleAuth, OAuth2Client } = require('google-auth-library');
                """, """
                    request.uuid = validate(v4());
                    const client = new OAuth2Client({ clientId: 'id', clientSecret: 'secret', redirectUri: 'http://127.0.0.1/cb' });
                    request.authUrl = client.generateAuthUrl({ scope: 'openid', access_type: 'offline' });
                    request.googleAuth = typeof new GoogleAuth({ scopes: ['x'] }).getClient;
                """));
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.enqueue(json(ANSWER));
            try (RunningRouter ccr = RunningRouter.start(NodeModulesTest.config(Upstreams.url(upstream, "/v1/chat/completions"), plugin, "google", "{}"))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);

                JsonNode report = NodeModulesTest.sent(upstream);
                assertThat(report.path("uuid").asBoolean()).isTrue();
                assertThat(report.path("authUrl").asText()).startsWith("https://accounts.google.com/o/oauth2/v2/auth?")
                        .contains("client_id=id").contains("access_type=offline");
                assertThat(report.path("googleAuth").asText()).isEqualTo("function");
            }
        }
    }
}
