package dev.ccr.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;
import dev.ccr.limits.KeyLimits;
import dev.ccr.metrics.Metrics;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.quota.Quotas;
import dev.ccr.usage.UsageStore;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;
import org.slf4j.LoggerFactory;
import org.xnio.Options;
import org.xnio.Xnio;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The router's HTTP server: builds Undertow, lists every route, and runs each request on a virtual thread.
 * {@link #start} returns once the port is bound.
 */
public final class CcrServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER_SIZE = 16 * 1024;
    /** Buffers kept for reuse (4 MiB); beyond it they are freed when returned. */
    private static final int POOLED_BUFFERS = 256;
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Undertow undertow;
    private final ExecutorService requests;

    private CcrServer(Undertow undertow, ExecutorService requests) {
        this.undertow = undertow;
        this.requests = requests;
    }

    /**
     * What the server answers from.
     *
     * @param pipeline the main namespace's pipeline of the moment; a config reload swaps it, and a request keeps the
     *                 one it started with
     * @param presets  the pipeline of the preset named in {@code /preset/{name}/...}, or empty when there is none
     * @param store    the config file {@code /api/config} reads and saves
     * @param reload   applies what {@code /api/config} saved or restored, without a restart
     * @param logsDir  the folder {@code /api/logs} may read, or empty for none
     * @param usage    the usage records {@code /api/usage} reads and clears
     * @param metrics  what {@code /metrics} and {@code /api/usage/live} show
     * @param quotas   what {@code /api/providers/quota} and {@code /api/providers/probe} show and do
     */
    public record Backends(Supplier<MessagesPipeline> pipeline, Function<String, Optional<MessagesPipeline>> presets,
                           ConfigStore store, ConfigReload reload, Optional<Path> logsDir, UsageStore usage, Metrics metrics, Quotas quotas,
                           Clock clock, String version) {
    }

    /**
     * What a team's instance adds: its client keys and their limits, and the state of the stores it shares.
     *
     * @param stores {@code GET /api/health}'s {@code shared} object: where the shared state and usage records are,
     *               and whether each is reachable
     */
    public record Team(KeyLimits limits, Supplier<ObjectNode> stores) {
    }

    /**
     * Loads XNIO, Undertow's network layer, on a background thread, for a process that is about to {@link #start}.
     * Its first use registers JMX beans, which builds the JDK's platform MBean server: about 150 ms of CPU that
     * otherwise sits on the start-up path, and overlaps with the command line and config being read when done here.
     */
    public static void prepareInBackground() {
        // XNIO logs through SLF4J: initialised here first, or a logger asked for on two threads at once is SLF4J's
        // temporary substitute, which the start-up's own logging set-up cannot configure.
        LoggerFactory.getILoggerFactory();
        Thread.ofPlatform().daemon().name("ccr-server-prepare").start(() -> Xnio.getInstance(Undertow.class.getClassLoader()));
    }

    /**
     * Binds {@code config.host():config.port()} (port 0 picks a free one) and starts serving; returns once the port
     * is bound.
     *
     * @param config the config the router started with: where to listen and the {@code APIKEY}
     * @param team   the client keys ({@code CLIENT_KEYS}), their limits, and the shared stores' health
     * @throws PortInUseException when the port is taken
     */
    public static CcrServer start(Config config, Backends backends, Team team) {
        Supplier<MessagesPipeline> pipeline = backends.pipeline();
        Clock clock = backends.clock();
        KeyLimits limits = team.limits();
        PresetEndpoint presetMessages = new PresetEndpoint(backends.presets());
        Function<Config, Optional<ApiError>> notConfigured = current -> current.providers().isEmpty()
                ? Optional.of(FirstRun.noProviders(backends.store().file())) : Optional.empty();
        CurrentPipeline modelCalls = new CurrentPipeline(pipeline, notConfigured);
        MessagesEndpoint messages = new MessagesEndpoint(modelCalls);
        ChatCompletionsEndpoint chatCompletions = new ChatCompletionsEndpoint(modelCalls);
        OpenAiResponsesEndpoint openAiResponses = new OpenAiResponsesEndpoint(modelCalls, clock);
        GeminiEndpoint gemini = new GeminiEndpoint(modelCalls);
        ModelsEndpoint models = new ModelsEndpoint(() -> pipeline.get().config(), clock.instant());
        ConfigEndpoint configApi = new ConfigEndpoint(backends.store(), backends.reload(), config.bodyLimitBytes());
        LogsEndpoint logs = new LogsEndpoint(backends.logsDir());
        Metrics metrics = backends.metrics();
        UsageEndpoint usageApi = new UsageEndpoint(backends.usage(), metrics);
        QuotaEndpoint quotaApi = new QuotaEndpoint(backends.quotas());
        AtomicInteger boundPort = new AtomicInteger(config.port());
        Auth auth = new Auth(config.apiKey(), limits.keys(), boundPort::get);
        UiSessions sessions = new UiSessions();
        UiEndpoint ui = new UiEndpoint(auth, sessions);
        UiFiles uiFiles = new UiFiles();
        HttpHandler root = exchange -> Responses.json(exchange, 200,
                JSON.createObjectNode().put("message", "LLMs API").put("version", backends.version()));

        RoutingHandler routes = Handlers.routing()
                .add(Methods.HEAD, "/", root)
                .get("/", root)
                .get("/health", exchange -> Responses.json(exchange, 200,
                        JSON.createObjectNode().put("status", "ok").put("timestamp", clock.instant().toString())))
                .get("/api/health", exchange -> Responses.json(exchange, 200,
                        pipeline.get().healthReport().set("shared", team.stores().get())))
                .get("/api/transformers", exchange -> Responses.json(exchange, 200, pipeline.get().transformersReport()))
                .post("/v1/messages", messages.messages())
                .post("/v1/messages/count_tokens", messages.countTokens())
                .post(ChatCompletionsEndpoint.PATH, chatCompletions.handler())
                .post(OpenAiResponsesEndpoint.PATH, openAiResponses.handler())
                .post(GeminiEndpoint.MODELS + "*", gemini.handler())
                .get("/v1/models", models.list())
                .get("/v1/models/{id}", models.one())
                .post("/preset/{name}/v1/messages", presetMessages.messages())
                .post("/preset/{name}/v1/messages/count_tokens", presetMessages.countTokens())
                .post("/api/route/explain", messages.explain())
                .get("/api/config", configApi.read())
                .post("/api/config", configApi.save())
                .post("/api/config/validate", configApi.validate())
                .get("/api/config/backups", configApi.backups())
                .get("/api/config/backups/{name}", configApi.backup())
                .post("/api/config/backups/{name}/restore", configApi.restore())
                .get("/api/logs/files", logs.files())
                .get("/api/logs", logs.read())
                .delete("/api/logs", logs.clear())
                .get("/api/usage", usageApi.list())
                .get("/api/usage/summary", usageApi.summary())
                .get("/api/usage/live", usageApi.live())
                .get("/metrics", exchange -> Responses.text(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()))
                .delete("/api/usage", usageApi.clear())
                .get("/api/providers/quota", quotaApi.report())
                .post("/api/providers/probe", quotaApi.probe())
                .post("/api/providers/probe-all", quotaApi.probeAll())
                .get(UiFiles.PREFIX, uiFiles.redirect())
                .get(UiFiles.PREFIX + "/*", uiFiles.serve())
                .post(Auth.LOGIN_PATH, ui.login())
                .post("/api/ui/logout", ui.logout())
                .setFallbackHandler(exchange -> Responses.error(exchange, ApiError.notFound(
                        "Route " + exchange.getRequestMethod() + ":" + exchange.getRequestPath() + " not found", null)))
                .setInvalidMethodHandler(exchange -> Responses.error(exchange, new ApiError(405, "invalid_request_error",
                        "Method " + exchange.getRequestMethod() + " not allowed on " + exchange.getRequestPath(), Optional.empty())));

        ExecutorService requests = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ccr-request-", 0).factory());
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                // Streams are many small flushed writes; Nagle would hold each behind the client's delayed ACK (~40 ms).
                .setSocketOption(Options.TCP_NODELAY, true)
                // Undertow's default pool keeps a buffer cache per thread and a list entry per thread that ever
                // allocated; with a virtual thread per request both grow with every request and were never given back
                // (~3.6 KB of native memory per request). Without the per-thread cache, buffers go back to one queue.
                // DeferredReleasePool: a buffer released inside a failing write is not reused until that write returns.
                .setByteBufferPool(new DeferredReleasePool(new DefaultByteBufferPool(true, BUFFER_SIZE, POOLED_BUFFERS, 0)))
                // Undertow's own default cuts bodies over 2 MB; Bodies enforces BODY_LIMIT_BYTES with a 413 instead.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                // Undertow refuses more parameters with an empty 400; RequestHeadLimits answers in Anthropic's shape.
                .setServerOption(UndertowOptions.MAX_PARAMETERS, RequestHeadLimits.UNDERTOW_MAX_PARAMETERS)
                .setHandler(new Dispatch(requests, new AuthHandler(auth, sessions, limits, routes)))
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            requests.shutdownNow();
            if (isBindFailure(e)) {
                throw new PortInUseException(config.host(), config.port(), e);
            }
            throw e;
        }
        CcrServer server = new CcrServer(undertow, requests);
        boundPort.set(server.port());
        return server;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** The address actually bound (useful with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress();
    }

    public int port() {
        return address().getPort();
    }

    @Override
    public void close() {
        undertow.stop();
        requests.shutdownNow();
    }
}
