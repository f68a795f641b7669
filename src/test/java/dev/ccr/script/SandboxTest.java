package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.config.CcrHome;
import dev.ccr.testing.LogCapture;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.ccr.script.PluginCorpusTest.ANSWER;
import static dev.ccr.script.PluginCorpusTest.json;
import static dev.ccr.script.PluginCorpusTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code "sandbox": true}: a plugin may use files in its folder and ccr's home and call the hosts listed, and
 * nothing else; each denied call throws a clear error in the plugin and is logged with the plugin's path. A trusted
 * plugin next to it keeps every right.
 */
class SandboxTest {
    /** Tries each action and reports "ok: ..." or the error's code and message under its name. */
    private static final String TRIES = """
            const fs = require('fs');
            const path = require('path');
            const http = require('http');
            const child = require('child_process');
            const readline = require('readline');
            async function attempt(report, name, action) {
              try { report[name] = 'ok: ' + await action(); } catch (e) { report[name] = e.code + ' ' + e.message; }
            }
            module.exports = class {
              constructor(options) { this.name = options.name; this.options = options; }
              async transformRequestIn(request) {
                const o = this.options, report = {};
                await attempt(report, 'ownFolder', () => { fs.writeFileSync(path.join(__dirname, 'state.json'), '{}'); return fs.readFileSync(path.join(__dirname, 'state.json'), 'utf8'); });
                await attempt(report, 'ccrHome', () => { fs.mkdirSync(o.ccrHome, { recursive: true }); fs.writeFileSync(path.join(o.ccrHome, 'sandbox-test-token'), 't'); return 'written'; });
                await attempt(report, 'outside', () => fs.readFileSync(o.outside, 'utf8'));
                await attempt(report, 'escapeByDots', () => fs.readFileSync(path.join(__dirname, '..', path.basename(path.dirname(o.outside)), 'secret.txt'), 'utf8'));
                await attempt(report, 'allowedHost', async () => (await fetch(o.allowed)).status);
                await attempt(report, 'otherHost', async () => (await fetch(o.other)).status);
                await attempt(report, 'httpRequest', () => new Promise((resolve, reject) =>
                  http.get(o.other, res => resolve(res.statusCode)).on('error', reject)));
                await attempt(report, 'process', () => new Promise((resolve, reject) => child.exec('echo hi', (e, out) => e ? reject(e) : resolve(out.trim()))));
                await attempt(report, 'listen', () => new Promise((resolve, reject) => { const s = http.createServer(); s.on('error', reject); s.listen(0, () => { s.close(); resolve('listening'); }); }));
                await attempt(report, 'terminal', () => { readline.createInterface({ input: process.stdin }).close(); return 'opened'; });
                request.report = report;
                return request;
              }
            };
            """;

    @Test
    void aSandboxedPluginIsDeniedEachForbiddenActionWithAClearErrorWhileATrustedOneMayDoThemAll() throws Exception {
        Path outsideDir = ScriptFiles.folder();
        Path outside = ScriptFiles.write(outsideDir, "secret.txt", "secret");
        Path home = ScriptFiles.folder();
        Path ccrHome = CcrHome.resolve(Map.of("HOME", home.toString())).dir();
        Path sandboxed = ScriptFiles.write(ScriptFiles.folder(), "tries.js", TRIES);
        Path trusted = ScriptFiles.write(ScriptFiles.folder(), "tries.js", TRIES);
        try (LogCapture log = LogCapture.of("dev.ccr.script"); MockWebServer upstream = Upstreams.mock();
             MockWebServer allowed = Upstreams.mock(); MockWebServer other = Upstreams.mock()) {
            for (int i = 0; i < 3; i++) {
                allowed.enqueue(json("{}"));
                other.enqueue(json("{}"));
            }
            upstream.enqueue(json(ANSWER));
            upstream.enqueue(json(ANSWER));
            String options = """
                    {"ccrHome":%s,"outside":%s,"allowed":"%s","other":"%s","name":"%%s"}
                    """.formatted(ScriptFiles.json(ccrHome), ScriptFiles.json(outside), Upstreams.url(allowed, "/a"),
                    "http://localhost:" + other.getPort() + "/o").strip();
            String config = """
                    {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"],
                                   "transformer":{"use":["boxed"],"m2":{"use":["trusted"]}}}],
                     "Router":{"default":"p,m"},
                     "SCRIPT_SANDBOX": {"allowHosts": ["127.0.0.1:%d"]},
                     "transformers":[{"path":%s,"options":%s,"sandbox":true},
                                     {"path":%s,"options":%s,"sandbox":false}]}
                    """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), allowed.getPort(),
                    ScriptFiles.json(sandboxed), options.formatted("boxed"), ScriptFiles.json(trusted), options.formatted("trusted"));
            try (RunningRouter ccr = RunningRouter.start(config, Map.of("HOME", home.toString()))) {
                assertThat(ccr.post("/v1/messages", request("p,m", "hi", false)).statusCode()).isEqualTo(200);
                JsonNode boxed = NodeModulesTest.sent(upstream).path("report");

                assertThat(boxed.path("ownFolder").asText()).isEqualTo("ok: {}");
                assertThat(boxed.path("ccrHome").asText()).isEqualTo("ok: written");
                assertThat(Files.readString(ccrHome.resolve("sandbox-test-token"))).isEqualTo("t");
                assertThat(boxed.path("allowedHost").asText()).isEqualTo("ok: 200");
                assertThat(boxed.path("outside").asText())
                        .isEqualTo("ERR_CCR_SANDBOX ccr sandbox: tries.js may not access '" + outside + "' (readText): files are limited to "
                                + sandboxed.getParent().toRealPath() + " and " + ccrHome.toRealPath());
                assertThat(boxed.path("escapeByDots").asText()).startsWith("ERR_CCR_SANDBOX ccr sandbox: tries.js may not access '");
                assertThat(boxed.path("otherHost").asText()).contains("ccr sandbox: tries.js may not connect to localhost:" + other.getPort()
                        + ": allowed hosts are [127.0.0.1:" + allowed.getPort() + "]");
                assertThat(boxed.path("httpRequest").asText()).startsWith("ERR_CCR_SANDBOX ccr sandbox: tries.js may not connect to localhost:");
                assertThat(boxed.path("process").asText())
                        .isEqualTo("ERR_CCR_SANDBOX ccr sandbox: tries.js may not run '/bin/sh': sandboxed scripts run no processes");
                assertThat(boxed.path("listen").asText())
                        .isEqualTo("ERR_CCR_SANDBOX ccr sandbox: tries.js may not listen on 127.0.0.1:0: sandboxed scripts open no listening sockets");
                assertThat(boxed.path("terminal").asText())
                        .isEqualTo("ERR_CCR_SANDBOX ccr sandbox: tries.js may not read the terminal: sandboxed scripts have no terminal");
                assertThat(Files.readString(outside)).isEqualTo("secret");
                assertThat(other.getRequestCount()).isZero();
                assertThat(allowed.getRequestCount()).isEqualTo(1);
                assertThat(log.text())
                        .contains("Sandbox: " + sandboxed + " tried to access '" + outside + "' (readText); denied")
                        .contains("Sandbox: " + sandboxed + " tried to run '/bin/sh'; denied")
                        .contains("Sandbox: " + sandboxed + " tried to listen on 127.0.0.1:0; denied");

                assertThat(ccr.post("/v1/messages", request("p,m2", "hi", false)).statusCode()).isEqualTo(200);
                JsonNode free = NodeModulesTest.sent(upstream).path("report");
                assertThat(free.path("outside").asText()).isEqualTo("ok: secret");
                assertThat(free.path("otherHost").asText()).isEqualTo("ok: 200");
                assertThat(free.path("httpRequest").asText()).isEqualTo("ok: 200");
                assertThat(free.path("process").asText()).isEqualTo("ok: hi");
                assertThat(free.path("listen").asText()).isEqualTo("ok: listening");
            }
        }
    }

    @Test
    void aSandboxedCustomRouterStillRoutesAndIsDeniedWhatItMayNotDo() throws Exception {
        Path router = ScriptFiles.write("router.js", """
                module.exports = async req => {
                  try { require('child_process').execSync('id'); } catch (e) { req.body.max_tokens = e.code === 'ERR_CCR_SANDBOX' ? 7 : 8; }
                  return 'p,m2';
                };
                """);
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.enqueue(json(ANSWER));
            try (RunningRouter ccr = RunningRouter.start("""
                    {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m","m2"]}],
                     "Router":{"default":"p,m"}, "CUSTOM_ROUTER_PATH": %s, "SCRIPT_SANDBOX": true}
                    """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), ScriptFiles.json(router)))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);

                JsonNode sent = NodeModulesTest.sent(upstream);
                assertThat(sent.path("model").asText()).isEqualTo("m2");
                assertThat(sent.path("max_tokens").asInt()).isEqualTo(7);
            }
        }
    }
}
