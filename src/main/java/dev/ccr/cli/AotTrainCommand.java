package dev.ccr.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ccr.app.RouterApp;
import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code ccr aot-train} (hidden): one short, typical life of the router, against a canned provider in this process,
 * so that the JVM can record an ahead-of-time cache of everything it loads and links ({@code -XX:AOTCacheOutput},
 * JDK 25). The {@code ccr} launcher runs it once per build; later starts map the cache and answer in about half the
 * time. Touches nothing of the user's: its home is a temporary folder. With {@code --scripts} it also runs a custom
 * router and a plugin: that cache is nearly twice the size and would cost every start without scripts about 40 MiB
 * more memory, so the launcher records it only for configs that name scripts (docs/benchmarks.md).
 */
@Command(name = "aot-train", hidden = true, description = "Exercise the router once so the JVM can record an AOT cache.")
final class AotTrainCommand implements Callable<Integer> {
    @Option(names = "--scripts", description = "Also run a custom router and a plugin (GraalJS), for configs that name scripts.")
    boolean scripts;

    @Option(names = "--rounds", description = "How many times to run the requests (${DEFAULT-VALUE}).")
    int rounds = 200;

    private static final String ROUTED = "Please route me";
    private static final String OPENAI_JSON = "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hello\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2}}";
    private static final String OPENAI_SSE = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
            + "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n";
    private static final String ANTHROPIC_JSON = "{\"id\":\"msg\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":10,\"output_tokens\":2}}";
    private static final String ANTHROPIC_SSE = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"m\",\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    /**
     * A custom router and a plugin in the style of the ones users run, so the cache also holds GraalJS's start. The
     * canned provider refuses what they did not touch, so a training run whose scripts did not run fails.
     */
    private static final String ROUTER_JS = """
            module.exports = async function router(req, config) {
              const last = [...(req.body.messages || [])].reverse().find((m) => m.role === 'user');
              const text = !last ? '' : typeof last.content === 'string' ? last.content
                  : last.content.filter((b) => b.type === 'text').map((b) => b.text).join('\\n');
              return /\\broute me\\b/i.test(text) ? 'js,m' : null;
            };
            """;
    private static final String PLUGIN_JS = """
            module.exports = class Train {
              constructor(options) { this.name = 'train'; }
              async transformRequestIn(request, provider) {
                delete request.thinking;
                for (const m of request.messages || []) if (Array.isArray(m.content)) m.content.forEach((p) => delete p.cache_control);
                request.trained = true;
                return request;
              }
              async transformResponseOut(response) {
                if (!(response.headers.get('Content-Type') || '').includes('stream')) {
                  const json = await response.json();
                  json.choices[0].message.content = 'Trained';
                  return new Response(JSON.stringify(json), { status: response.status, headers: response.headers });
                }
                const reader = response.body.getReader();
                const decoder = new TextDecoder();
                const encoder = new TextEncoder();
                const rewrite = (l) => l.startsWith('data: {') ? 'data: ' + JSON.stringify(JSON.parse(l.slice(6))).replace('"Hi"', '"Trained"') : l;
                let buffer = '';
                const stream = new ReadableStream({
                  async pull(controller) {
                    for (;;) {
                      const { done, value } = await reader.read();
                      if (done) { if (buffer) controller.enqueue(encoder.encode(buffer)); controller.close(); return; }
                      buffer += decoder.decode(value, { stream: true });
                      const lines = buffer.split('\\n');
                      buffer = lines.pop();
                      if (lines.length > 0) {
                        controller.enqueue(encoder.encode(lines.map(rewrite).join('\\n') + '\\n'));
                        return;
                      }
                    }
                  },
                });
                return new Response(stream, { status: response.status, headers: response.headers });
              }
            };
            """;

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("ccr-aot-train");
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        upstream.createContext("/openai", ex -> answer(ex, OPENAI_SSE, OPENAI_JSON, body -> !body.contains(ROUTED)));
        upstream.createContext("/js", ex -> answer(ex, OPENAI_SSE, OPENAI_JSON, body -> body.contains("\"trained\":true")));
        upstream.createContext("/anthropic", ex -> answer(ex, ANTHROPIC_SSE, ANTHROPIC_JSON, body -> true));
        upstream.start();
        try {
            String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
            String js = "";
            String jsProvider = "";
            if (scripts) {
                Path router = Files.writeString(home.resolve("router.js"), ROUTER_JS);
                Path plugin = Files.writeString(home.resolve("train.js"), PLUGIN_JS);
                js = """
                        "CUSTOM_ROUTER_PATH": "%s", "transformers": [{"path": "%s"}],
                        """.formatted(router, plugin);
                jsProvider = """
                        {"name": "js", "api_base_url": "%s/js/v1/chat/completions", "api_key": "k", "models": ["m"],
                         "transformer": {"use": ["train"]}},
                        """.formatted(base);
            }
            Path file = home.resolve("config.json");
            Files.writeString(file, """
                    {"PORT": 0, "LOG_LEVEL": "warn", %s
                     "Providers": [%s
                       {"name": "oa", "api_base_url": "%s/openai/v1/chat/completions", "api_key": "k", "models": ["m"]},
                       {"name": "an", "api_base_url": "%s/anthropic/v1/messages", "api_key": "k", "models": ["m"],
                        "transformer": {"use": ["Anthropic"]}}],
                     "Router": {"default": "oa,m", "longContextThreshold": 60000}}
                    """.formatted(js, jsProvider, base, base));
            ConfigStore store = new ConfigStore(file, Map.of("SERVICE_PORT", "0"), Clock.systemUTC());
            Config config = store.load(line -> { });
            Logging.Undo logging = Logging.configure(config, new CcrHome(home));
            try (RouterApp app = RouterApp.start(config, store)) {
                exercise(URI.create("http://127.0.0.1:" + app.port()), scripts);
            } finally {
                logging.close();
            }
        } finally {
            upstream.stop(0);
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Runs the rounds; fails when a request is not answered as it should be, so a broken training run is seen. The
     * client is OkHttp, which the router loads anyway as its upstream client: the JDK's would put three hundred
     * classes in the cache that a real run never loads, and every start maps and links all of them.
     */
    private void exercise(URI router, boolean withScripts) throws IOException {
        OkHttpClient client = new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build();
        try {
            for (int i = 0; i < rounds; i++) {
                for (String model : new String[] {"oa,m", "an,m", "router"}) {
                    if (model.equals("router") && !withScripts) {
                        continue;
                    }
                    String text = model.equals("router") ? ROUTED : "Say hello";
                    for (boolean stream : new boolean[] {false, true}) {
                        expect(post(client, router.resolve("/v1/messages?beta=true"), """
                                {"model":"%s","max_tokens":100,"stream":%s,"system":[{"type":"text","text":"Be brief."}],
                                 "thinking":{"type":"adaptive"},"metadata":{"user_id":"{\\"session_id\\":\\"s%d\\"}"},
                                 "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object",
                                   "properties":{"path":{"type":"string"}},"required":["path"]}}],
                                 "messages":[{"role":"user","content":[{"type":"text","text":"%s"}]}]}
                                """.formatted(model, stream, i % 8, text)), model, model.equals("router") ? "Trained" : "H");
                    }
                }
                expect(post(client, router.resolve("/v1/messages/count_tokens"),
                        "{\"model\":\"oa,m\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"), "count_tokens", "input_tokens");
                post(client, router.resolve("/v1/messages"), "{not json");
                try (Response health = client.newCall(new Request.Builder().url(router.resolve("/health").toString()).build()).execute()) {
                    health.body().string();
                }
            }
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /** A training answer: its status and whole body. */
    private record Answer(int status, String body) {
    }

    private static void expect(Answer answer, String what, String text) {
        if (answer.status() != 200 || !answer.body().contains(text)) {
            throw new IllegalStateException("The training request to " + what + " was answered " + answer.status()
                    + " without \"" + text + "\"");
        }
    }

    private static Answer post(OkHttpClient client, URI uri, String body) throws IOException {
        Request request = new Request.Builder().url(uri.toString()).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response response = client.newCall(request).execute()) {
            return new Answer(response.code(), response.body().string());
        }
    }

    private static void answer(HttpExchange exchange, String stream, String json, Predicate<String> expected) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.test(body)) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        boolean streaming = body.contains("\"stream\":true");
        byte[] answer = (streaming ? stream : json).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", streaming ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
