package dev.ccr.script;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigParser;
import dev.ccr.routing.RoutingRequest;
import dev.ccr.routing.RuleOutcome;
import dev.ccr.routing.TokenCounter;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderInfo;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformContext;
import dev.ccr.transform.Transformer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Steady-state cost of the JS hooks in the fallback (interpreter) runtime: one custom-router call, one plugin request
 * half, one streamed answer through an SSE-rewriting plugin; and the cold start of the script host in a fresh JVM.
 * Uses {@code custom-router.example.js} and the {@code plugins/} corpus, so run it from the project folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ScriptBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Upstream events in {@code wire/openai-reasoning-text.sse}. */
    private static final String STREAM = "/wire/openai-reasoning-text.sse";

    private ScriptHost host;
    private JsRouterRule router;
    private Transformer requestPlugin;
    private Transformer streamPlugin;
    private RoutingRequest routing;
    private ProviderRequest request;
    private TransformContext context;
    private byte[] sse;

    static Config config() throws Exception {
        String text = """
                {"Providers":[{"name":"p","api_base_url":"http://127.0.0.1:9/v1/chat/completions","api_key":"k","models":["m","m2"]}],
                 "Router":{"default":"p,m","think":"p,m2"}, "CUSTOM_ROUTER_PATH": "%s",
                 "transformers":[{"path":"%s","options":{"max_tokens":8192}},{"path":"%s"}]}
                """.formatted(Path.of("custom-router.example.js").toAbsolutePath(), Path.of("plugins/strip-reasoning.js").toAbsolutePath(),
                Path.of("plugins/reasoning-field.js").toAbsolutePath());
        return ConfigParser.parse(JSON.readTree(text), Map.of("HOME", System.getProperty("user.home")));
    }

    @Setup
    public void start() throws Exception {
        Config config = config();
        host = ScriptHost.start(config.scripts(), config.resolved(), Optional.empty(), "bench", ScriptCalls.NONE);
        LoadReport report = host.awaitLoad(Duration.ofMinutes(2)).orElseThrow();
        router = new JsRouterRule(host, config.scripts().customRouter().orElseThrow());
        requestPlugin = new JsPluginTransformer(host, report.pluginsByName().get("strip-reasoning"));
        streamPlugin = new JsPluginTransformer(host, report.pluginsByName().get("reasoning-field"));
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"model":"claude-sonnet-4","max_tokens":32000,"stream":true,"thinking":{"type":"enabled","budget_tokens":4096},
                 "system":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude."},
                           {"type":"text","text":"%s"}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Refactor the parser so it streams."}]}]}
                """.formatted("Follow the project's style. ".repeat(100)));
        routing = new RoutingRequest(body, Map.of("user-agent", "claude-cli"), config, TokenCounter.cl100k());
        routing.tokenCount();
        ObjectNode unified = (ObjectNode) JSON.readTree("""
                {"model":"m","max_tokens":32000,"stream":true,"reasoning":{"effort":"medium","enabled":true},
                 "messages":[{"role":"system","content":[{"type":"text","text":"%s","cache_control":{"type":"ephemeral"}}]},
                             {"role":"user","content":[{"type":"text","text":"Refactor the parser so it streams."}]}]}
                """.formatted("Follow the project's style. ".repeat(100)));
        request = new ProviderRequest(URI.create("http://127.0.0.1:9/v1/chat/completions"), HeaderList.EMPTY.with("Authorization", "Bearer k"),
                unified, Duration.ofMinutes(1));
        context = new TransformContext(new ProviderInfo("p", request.url(), "k", List.of("m")), "m", "default", body, Map.of());
        try (InputStream in = ScriptBenchmark.class.getResourceAsStream(STREAM)) {
            sse = in.readAllBytes();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        host.close();
    }

    /** One custom-router call: the body to JS and back, the example router's regexes, a pass to the built-in rules. */
    @Benchmark
    public RuleOutcome routerCall() {
        return router.evaluate(routing);
    }

    /** One plugin request half (strip-reasoning): body to JS, the plugin, {body, config} back and applied. */
    @Benchmark
    public ProviderRequest pluginRequestHalf() throws IOException {
        Capture chain = new Capture(request, context, json());
        requestPlugin.transform(chain);
        return chain.sent;
    }

    /** One whole streamed answer (the recording's events) re-framed by reasoning-field and read by Java. */
    @Benchmark
    public int pluginStream() throws IOException {
        Capture chain = new Capture(request, context, new ProviderResponse(200,
                HeaderList.EMPTY.with("Content-Type", "text/event-stream"), new ByteArrayInputStream(sse)));
        try (InputStream out = streamPlugin.transform(chain).body()) {
            return out.readAllBytes().length;
        }
    }

    private static ProviderResponse json() {
        return new ProviderResponse(200, HeaderList.EMPTY.with("Content-Type", "application/json"),
                new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
    }

    /** The rest of the chain: records the request and answers {@code response}. */
    private static final class Capture implements Transformer.Chain {
        private final ProviderRequest request;
        private final TransformContext context;
        private final ProviderResponse response;
        private ProviderRequest sent;

        Capture(ProviderRequest request, TransformContext context, ProviderResponse response) {
            this.request = request;
            this.context = context;
            this.response = response;
        }

        @Override
        public ProviderRequest request() {
            return request;
        }

        @Override
        public TransformContext context() {
            return context;
        }

        @Override
        public ProviderResponse proceed(ProviderRequest next) {
            sent = next;
            return response;
        }
    }

    /** Cold start in a fresh JVM: engine, first Context, runtime, router and two plugins loaded, first router call. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
    public static class ColdStart {
        @Benchmark
        public RuleOutcome startAndFirstRouterCall() throws Exception {
            Config config = config();
            ScriptHost host = ScriptHost.start(config.scripts(), config.resolved(), Optional.empty(), "bench", ScriptCalls.NONE);
            try {
                RoutingRequest routing = new RoutingRequest((ObjectNode) JSON.readTree(
                        "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Map.of(), config, TokenCounter.cl100k());
                return new JsRouterRule(host, config.scripts().customRouter().orElseThrow()).evaluate(routing);
            } finally {
                host.close();
            }
        }
    }
}
