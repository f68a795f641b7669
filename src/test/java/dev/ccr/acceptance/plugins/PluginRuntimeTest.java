package dev.ccr.acceptance.plugins;

import dev.ccr.testing.LogCapture;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.ScriptFiles;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.ccr.acceptance.ScriptedRouters.JSON;
import static dev.ccr.acceptance.ScriptedRouters.upstreamBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime plugins rely on. One plugin uses fetch, Response, ReadableStream, TextEncoder and
 * TextDecoder, require('fs' | 'path' | 'os' | 'crypto'), process.env (with the config's top-level keys) and console,
 * and rewrites the SSE answer line by line through {@code response.body.getReader()}.
 */
@Tag("ccr-11.62")
class PluginRuntimeTest {
    @Test
    void aStreamingPluginUsingTheNodeAndWebSurfaceRunsUnchanged() throws Exception {
        Path home = ScriptFiles.folder();
        Files.writeString(home.resolve("greeting.txt"), "hello from a file");
        Path plugin = ScriptFiles.write("surface.js", """
                const fs = require('fs');
                const path = require('path');
                const os = require('os');
                const crypto = require('crypto');
                const { promisify } = require('util');
                const EventEmitter = require('events');

                module.exports = class Surface {
                  constructor(options) {
                    this.name = 'surface';
                    this.options = options;
                    this.events = new EventEmitter();
                  }

                  async transformRequestIn(request) {
                    const greeting = fs.readFileSync(path.join(os.homedir(), 'greeting.txt'), 'utf8');
                    const flag = await (await fetch(this.options.flagUrl, { headers: { accept: 'application/json' } })).json();
                    await promisify(setTimeout)(5);
                    await fs.promises.writeFile(path.join(os.homedir(), 'seen.txt'), request.model);
                    console.log('surface plugin saw model %s', request.model);
                    request.surface = {
                      greeting,
                      flag: flag.flag,
                      digest: crypto.createHash('sha256').update('abc').digest('hex'),
                      hmac: crypto.createHmac('sha256', 'key').update('abc').digest('base64'),
                      uuid: crypto.randomUUID().length,
                      custom: process.env.MY_SETTING,
                      platform: typeof process.platform,
                      buffer: Buffer.from('hi').toString('base64'),
                      clone: structuredClone({ a: [1, 2] }).a.length,
                      url: new URL('/v1?x=1', 'http://example.com').searchParams.get('x'),
                      aborted: new AbortController().signal.aborted,
                      now: typeof performance.now(),
                    };
                    return request;
                  }

                  async transformResponseOut(response) {
                    if (!response.headers.get('Content-Type').includes('text/event-stream')) return response;
                    const reader = response.body.getReader();
                    const decoder = new TextDecoder();
                    const encoder = new TextEncoder();
                    let pending = '';
                    const stream = new ReadableStream({
                      async start(controller) {
                        for (;;) {
                          const { done, value } = await reader.read();
                          if (done) break;
                          pending += decoder.decode(value, { stream: true });
                          const lines = pending.split('\\n');
                          pending = lines.pop();
                          for (const line of lines) {
                            if (line.startsWith('data: ') && line !== 'data: [DONE]') {
                              const chunk = JSON.parse(line.slice(6));
                              const delta = chunk.choices[0].delta;
                              if (delta.content) delta.content = delta.content.toUpperCase();
                              controller.enqueue(encoder.encode('data: ' + JSON.stringify(chunk) + '\\n\\n'));
                            } else if (line === 'data: [DONE]') {
                              controller.enqueue(encoder.encode(line + '\\n\\n'));
                            }
                          }
                        }
                        controller.close();
                      },
                    });
                    return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
                  }
                };
                """);
        try (LogCapture log = LogCapture.of("dev.ccr.script");
             MockWebServer upstream = Upstreams.mock(); MockWebServer flags = Upstreams.mock()) {
            flags.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("{\"flag\":\"on\"}").build());
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body("""
                    data: {"model":"m","choices":[{"delta":{"content":"hel"}}]}

                    data: {"choices":[{"delta":{"content":"lo"}}]}

                    data: {"choices":[{"delta":{},"finish_reason":"stop"}]}

                    data: [DONE]

                    """).build());
            String config = """
                    {"Providers":[{"name":"p","api_base_url":"%s","api_key":"k","models":["m"],"transformer":{"use":["surface"]}}],
                     "Router":{"default":"p,m"}, "MY_SETTING":"from-config", "SCRIPT_CONTEXTS": 1,
                     "transformers":[{"path":%s,"options":{"flagUrl":"%s"}}]}
                    """.formatted(Upstreams.url(upstream, "/v1/chat/completions"), ScriptFiles.json(plugin), Upstreams.url(flags, "/flag"));
            try (RunningRouter ccr = RunningRouter.start(config, Map.of("HOME", home.toString()))) {
                HttpResponse<String> response = ccr.post("/v1/messages",
                        "{\"model\":\"x\",\"max_tokens\":10,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"text\":\"HEL\"").contains("\"text\":\"LO\"").contains("event: message_stop");
                var surface = upstreamBody(upstream).get("surface");
                assertThat(surface.get("greeting").asText()).isEqualTo("hello from a file");
                assertThat(surface.get("flag").asText()).isEqualTo("on");
                assertThat(surface.get("digest").asText()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
                assertThat(surface.get("hmac").asText()).as("what Node answers").isEqualTo("nBluMtwBdfhvSxy4konWYZ3mvuaZ5MN45oMJ7Zehpqs=");
                assertThat(surface.get("uuid").asInt()).isEqualTo(36);
                assertThat(surface.get("custom").asText()).isEqualTo("from-config");
                assertThat(surface.get("platform").asText()).isEqualTo("string");
                assertThat(surface.get("buffer").asText()).isEqualTo("aGk=");
                assertThat(surface.get("clone").asInt()).isEqualTo(2);
                assertThat(surface.get("url").asText()).isEqualTo("1");
                assertThat(surface.get("aborted").asBoolean()).isFalse();
                assertThat(surface.get("now").asText()).isEqualTo("number");
                assertThat(Files.readString(home.resolve("seen.txt"))).isEqualTo("m");
                assertThat(log.text()).contains("[surface.js] surface plugin saw model m");
            }
        }
    }
}
