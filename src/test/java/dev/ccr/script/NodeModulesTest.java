package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.ccr.script.PluginCorpusTest.ANSWER;
import static dev.ccr.script.PluginCorpusTest.json;
import static dev.ccr.script.PluginCorpusTest.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugins written for these tests that use Node's http, https, child_process, readline, fs, url and Response APIs,
 * each through a real ccr against MockWebServer. A plugin reports what it saw by adding fields to the request body,
 * which the upstream records.
 */
class NodeModulesTest {
    /** A config with provider p at {@code baseUrl} using plugin {@code name} from {@code plugin} with {@code options}. */
    static String config(String baseUrl, Path plugin, String name, String options) {
        return """
                {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"],"transformer":{"use":["%s"]}}],
                 "Router":{"default":"p,m"}, "transformers":[{"path":%s,"options":%s}]}
                """.formatted(baseUrl, name, ScriptFiles.json(plugin), options);
    }

    /** A plugin named {@code name} whose request half runs {@code body} (an async function body with {@code request}). */
    static String reporting(String name, String requires, String body) {
        return requires + """
                module.exports = class {
                  constructor(options) { this.name = '%s'; this.options = options || {}; }
                  async transformRequestIn(request) {
                %s
                    return request;
                  }
                };
                """.formatted(name, body);
    }

    static JsonNode sent(MockWebServer upstream) throws Exception {
        return PluginCorpusTest.body(take(upstream));
    }

    /** The next request {@code server} got; fails instead of waiting forever when none comes. */
    static RecordedRequest take(MockWebServer server) throws Exception {
        RecordedRequest request = server.takeRequest(30, TimeUnit.SECONDS);
        assertThat(request).as("a request to port %d", server.getPort()).isNotNull();
        return request;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aConstructorStartsAnHttpServerOnLoopbackThatTheProviderThenUses() throws Exception {
        int port = freePort();
        Path plugin = ScriptFiles.write("local-server.js", """
                const http = require('http');
                module.exports = class {
                  constructor(options) {
                    this.name = 'local-server';
                    this.server = http.createServer((req, res) => {
                      let body = '';
                      req.setEncoding('utf8');
                      req.on('data', chunk => body += chunk);
                      req.on('end', async () => {
                        const forwarded = JSON.parse(body);
                        forwarded.seen_by = req.method + ' ' + req.url + ' ' + req.headers['content-type'];
                        const answer = await fetch(options.upstream, { method: 'POST', headers: { 'content-type': 'application/json' },
                                                                      body: JSON.stringify(forwarded) });
                        res.writeHead(200, { 'Content-Type': 'application/json' });
                        res.end(await answer.text());
                      });
                    });
                    this.server.listen(options.port, () => { this.listening = this.server.address(); });
                  }
                };
                """);
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.enqueue(json(ANSWER));
            String options = "{\"port\":%d,\"upstream\":\"%s\"}".formatted(port, Upstreams.url(upstream, "/real"));
            try (RunningRouter ccr = RunningRouter.start(config("http://127.0.0.1:" + port + "/v1/chat/completions", plugin, "local-server", options))) {
                HttpResponse<String> response = ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false));

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("Hi");
                JsonNode forwarded = sent(upstream);
                assertThat(forwarded.path("seen_by").asText()).isEqualTo("POST /v1/chat/completions application/json");
                assertThat(forwarded.path("model").asText()).isEqualTo("m");
            }
        }
    }

    @Test
    void anHttpsRequestRefreshesATokenFromALocalTlsServerTrustedThroughItsCa() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
        HandshakeCertificates serverTls = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        Path dir = ScriptFiles.folder();
        ScriptFiles.write(dir, "ca.pem", certificate.certificatePem());
        Path plugin = ScriptFiles.write(dir, "token-refresh.js", """
                const https = require('https');
                const fs = require('fs');
                const path = require('path');
                function refresh(options) {
                  return new Promise((resolve, reject) => {
                    const req = https.request({ hostname: '127.0.0.1', port: options.port, path: '/token', method: 'POST',
                                                ca: fs.readFileSync(path.join(__dirname, 'ca.pem')),
                                                headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, res => {
                      const chunks = [];
                      res.on('data', c => chunks.push(c));
                      res.on('end', () => res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString()).access_token)
                                                                : reject(new Error('status ' + res.statusCode)));
                    });
                    req.on('error', reject);
                    req.write('grant_type=refresh_token&refresh_token=r1');
                    req.end();
                  });
                }
                module.exports = class {
                  constructor(options) { this.name = 'token-refresh'; this.options = options; }
                  async transformRequestIn(request) {
                    if (!this.token) this.token = await refresh(this.options);
                    return { body: request, config: { headers: { Authorization: 'Bearer ' + this.token } } };
                  }
                };
                """);
        try (MockWebServer upstream = Upstreams.mock(); MockWebServer tokens = Upstreams.mock()) {
            tokens.useHttps(serverTls.sslSocketFactory());
            tokens.enqueue(json("{\"access_token\":\"fresh-token\"}"));
            upstream.enqueue(json(ANSWER));
            upstream.enqueue(json(ANSWER));
            try (RunningRouter ccr = RunningRouter.start(config(Upstreams.url(upstream, "/v1/chat/completions"), plugin, "token-refresh",
                    "{\"port\":" + tokens.getPort() + "}"))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "again", false)).statusCode()).isEqualTo(200);

                RecordedRequest tokenRequest = take(tokens);
                assertThat(tokenRequest.getBody().utf8()).isEqualTo("grant_type=refresh_token&refresh_token=r1");
                assertThat(tokens.getRequestCount()).isEqualTo(1);
                assertThat(take(upstream).getHeaders().get("Authorization")).isEqualTo("Bearer fresh-token");
                assertThat(take(upstream).getHeaders().get("Authorization")).isEqualTo("Bearer fresh-token");
            }
        }
    }

    @Test
    void execRunsAScriptAndCallsBackWithItsOutputAndExitCode() throws Exception {
        Path dir = ScriptFiles.folder();
        ScriptFiles.write(dir, "hello.sh", "echo \"hello $1\"\necho oops >&2\nexit ${2:-0}\n");
        Path plugin = ScriptFiles.write(dir, "exec.js", reporting("exec", """
                const { exec, execFile, execSync, spawn } = require('child_process');
                const util = require('util');
                """, """
                    const script = require('path').join(__dirname, 'hello.sh');
                    request.exec = await new Promise(resolve => exec('sh ' + script + ' world', (err, stdout, stderr) =>
                      resolve({ err, stdout, stderr })));
                    request.failed = await new Promise(resolve => execFile('sh', [script, 'x', '3'], (err) => resolve(err.code)));
                    request.sync = execSync('sh ' + script + ' sync').toString();
                    request.spawned = await new Promise(resolve => {
                      const child = spawn('sh', [script, 'spawned']);
                      let out = '';
                      child.stdout.on('data', d => out += d);
                      child.on('close', code => resolve(out + code));
                    });
                """));
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.enqueue(json(ANSWER));
            try (RunningRouter ccr = RunningRouter.start(config(Upstreams.url(upstream, "/v1/chat/completions"), plugin, "exec", "{}"))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);

                JsonNode report = sent(upstream);
                assertThat(report.at("/exec/err").isNull()).isTrue();
                assertThat(report.at("/exec/stdout").asText()).isEqualTo("hello world\n");
                assertThat(report.at("/exec/stderr").asText()).isEqualTo("oops\n");
                assertThat(report.path("failed").asInt()).isEqualTo(3);
                assertThat(report.path("sync").asText()).isEqualTo("hello sync\n");
                assertThat(report.path("spawned").asText()).isEqualTo("hello spawned\n0");
            }
        }
    }

    @Test
    void readlineAsksOnCcrsOwnStandardInputAndFailsAtOnceInADaemon() throws Exception {
        Path plugin = ScriptFiles.write("ask.js", reporting("ask", "const readline = require('readline');\n", """
                    try {
                      const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
                      request.answer = await new Promise(resolve => rl.question('Allow? ', resolve));
                      rl.close();
                    } catch (e) {
                      request.refused = e.code + ' ' + e.message;
                    }
                """));
        InputStream stdin = System.in;
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.enqueue(json(ANSWER));
            upstream.enqueue(json(ANSWER));
            System.setIn(new ByteArrayInputStream("yes please\n".getBytes(StandardCharsets.UTF_8)));
            try (RunningRouter ccr = RunningRouter.start(config(Upstreams.url(upstream, "/v1/chat/completions"), plugin, "ask", "{}"))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);
                assertThat(sent(upstream).path("answer").asText()).isEqualTo("yes please");

                System.setProperty(HostTerminal.DAEMON_PROPERTY, "true");
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);
                assertThat(sent(upstream).path("refused").asText())
                        .startsWith("ERR_CCR_NO_TERMINAL ccr runs in the background (ccr start --daemon)");
            }
        } finally {
            System.clearProperty(HostTerminal.DAEMON_PROPERTY);
            System.setIn(stdin);
        }
    }

    @Test
    void fsDescriptorsTimesAndTheCallbackAndPromiseFormsWork() throws Exception {
        Path dir = ScriptFiles.folder();
        Path plugin = ScriptFiles.write(dir, "files.js", reporting("files", "const fs = require('fs');\nconst path = require('path');\n", """
                    const marker = path.join(__dirname, 'marker');
                    const fd = fs.openSync(marker, 'w');
                    fs.writeSync(fd, 'rotated ');
                    fs.writeSync(fd, Buffer.from('at 1'));
                    fs.closeSync(fd);
                    fs.utimesSync(marker, 1000, 2000);
                    request.mtime = fs.statSync(marker).mtimeMs;
                    const rd = fs.openSync(marker, 'r');
                    const buffer = Buffer.alloc(7);
                    request.read = fs.readSync(rd, buffer, 0, 7, 0) + ':' + buffer.toString();
                    request.fstat = fs.fstatSync(rd).size;
                    fs.closeSync(rd);
                    try { fs.closeSync(rd); } catch (e) { request.closedTwice = e.code; }
                    request.callback = await new Promise(resolve => fs.readFile(marker, 'utf8', (err, text) => resolve(text)));
                    await fs.promises.appendFile(marker, '!');
                    request.promise = await fs.promises.readFile(marker, 'utf8');
                    const handle = await fs.promises.open(marker, 'r');
                    request.handle = (await handle.readFile('utf8')).length;
                    await handle.close();
                    fs.mkdirSync(path.join(__dirname, 'a/b'), { recursive: true });
                    request.listed = fs.readdirSync(__dirname).sort();
                    request.streamed = await new Promise(resolve => {
                      let text = '';
                      fs.createReadStream(marker, { encoding: 'utf8' }).on('data', d => text += d).on('end', () => resolve(text));
                    });
                """));
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.enqueue(json(ANSWER));
            try (RunningRouter ccr = RunningRouter.start(config(Upstreams.url(upstream, "/v1/chat/completions"), plugin, "files", "{}"))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);

                JsonNode report = sent(upstream);
                assertThat(report.path("mtime").asLong()).isEqualTo(2_000_000L);
                assertThat(Files.readString(dir.resolve("marker"))).isEqualTo("rotated at 1!");
                assertThat(report.path("read").asText()).isEqualTo("7:rotated");
                assertThat(report.path("fstat").asInt()).isEqualTo(12);
                assertThat(report.path("closedTwice").asText()).isEqualTo("EBADF");
                assertThat(report.path("callback").asText()).isEqualTo("rotated at 1");
                assertThat(report.path("promise").asText()).isEqualTo("rotated at 1!");
                assertThat(report.path("handle").asInt()).isEqualTo(13);
                assertThat(report.path("listed").toString()).isEqualTo("[\"a\",\"files.js\",\"marker\"]");
                assertThat(report.path("streamed").asText()).isEqualTo("rotated at 1!");
            }
        }
    }

    @Test
    void urlParseGivesTheQueryAsAnObjectAndAcceptsRelativeUrls() throws Exception {
        Path plugin = ScriptFiles.write("urls.js", reporting("urls", "const url = require('url');\n", """
                    const callback = url.parse('/oauth/callback?code=abc&state=s1&scope=a&scope=b', true);
                    request.relative = { pathname: callback.pathname, code: callback.query.code, scope: callback.query.scope,
                                         host: callback.host, path: callback.path };
                    const full = url.parse('https://user:pw@Example.COM:8443/p/a?x=1#frag', true);
                    request.full = { protocol: full.protocol, auth: full.auth, hostname: full.hostname, port: full.port,
                                     pathname: full.pathname, search: full.search, x: full.query.x, hash: full.hash, href: full.href };
                    request.raw = url.parse('http://a.com/b?c=d').query;
                """));
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.enqueue(json(ANSWER));
            try (RunningRouter ccr = RunningRouter.start(config(Upstreams.url(upstream, "/v1/chat/completions"), plugin, "urls", "{}"))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);

                JsonNode report = sent(upstream);
                assertThat(report.path("relative").toString()).isEqualTo(
                        "{\"pathname\":\"/oauth/callback\",\"code\":\"abc\",\"scope\":[\"a\",\"b\"],\"host\":null,"
                                + "\"path\":\"/oauth/callback?code=abc&state=s1&scope=a&scope=b\"}");
                assertThat(report.path("full").toString()).isEqualTo(
                        "{\"protocol\":\"https:\",\"auth\":\"user:pw\",\"hostname\":\"example.com\",\"port\":\"8443\",\"pathname\":\"/p/a\","
                                + "\"search\":\"?x=1\",\"x\":\"1\",\"hash\":\"#frag\",\"href\":\"https://user:pw@example.com:8443/p/a?x=1#frag\"}");
                assertThat(report.path("raw").asText()).isEqualTo("c=d");
            }
        }
    }

    @Test
    void aClonedResponseKeepsItsBodyAndSoDoesTheOriginal() throws Exception {
        Path plugin = ScriptFiles.write("clone.js", reporting("clone", "", """
                    const original = new Response('hello body', { headers: { 'X-A': '1' } });
                    const copy = original.clone();
                    request.copy = await copy.text();
                    request.original = await original.text();
                    const streamed = new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('s')); c.close(); } }));
                    const streamedCopy = streamed.clone();
                    request.streamed = (await streamedCopy.text()) + (await streamed.text());
                """));
        try (MockWebServer upstream = Upstreams.mock()) {
            upstream.enqueue(json(ANSWER));
            try (RunningRouter ccr = RunningRouter.start(config(Upstreams.url(upstream, "/v1/chat/completions"), plugin, "clone", "{}"))) {
                assertThat(ccr.post("/v1/messages", request("claude-sonnet-4", "hi", false)).statusCode()).isEqualTo(200);

                JsonNode report = sent(upstream);
                assertThat(report.path("copy").asText()).isEqualTo("hello body");
                assertThat(report.path("original").asText()).isEqualTo("hello body");
                assertThat(report.path("streamed").asText()).isEqualTo("ss");
            }
        }
    }
}
