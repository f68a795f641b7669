package dev.ccr.cli;

import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;
import dev.ccr.limits.KeyLimits;
import dev.ccr.metrics.Metrics;
import dev.ccr.pipeline.AccessLog;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.pipeline.RequestListener;
import dev.ccr.pipeline.Resilience;
import dev.ccr.pipeline.UsageRecorder;
import dev.ccr.quota.Quotas;
import dev.ccr.resilience.FallbackPlanner;
import dev.ccr.routing.Router;
import dev.ccr.routing.TokenCounter;
import dev.ccr.script.Scripts;
import dev.ccr.server.CcrServer;
import dev.ccr.shared.RedisState;
import dev.ccr.shared.SharedResilience;
import dev.ccr.transform.TransformerRegistry;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.usage.JdbcUsageStore;
import dev.ccr.usage.UsageStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A running router: the server, the pipeline behind it, the preset namespaces and the upstream client, assembled
 * from one config.
 */
public final class RouterApp implements AutoCloseable {
    /** The config key naming how many days usage records are kept. */
    public static final String USAGE_RETENTION_DAYS = "USAGE_RETENTION_DAYS";
    private static final long DEFAULT_RETENTION_DAYS = 180;
    /** The config key naming a team's shared usage database, {@code jdbc:postgresql://...}; unset: the SQLite file. */
    public static final String USAGE_DB = "USAGE_DB";
    private final CcrServer server;
    private final MessagesPipeline pipeline;
    private final PresetPipelines presets;
    private final UpstreamClient upstream;
    private final Scripts scripts;
    private final UsageStore usage;
    private final Quotas quotas;
    private final Optional<RedisState> shared;

    private RouterApp(CcrServer server, MessagesPipeline pipeline, PresetPipelines presets, UpstreamClient upstream,
                      Scripts scripts, UsageStore usage, Quotas quotas, Optional<RedisState> shared) {
        this.usage = usage;
        this.quotas = quotas;
        this.shared = shared;
        this.server = server;
        this.pipeline = pipeline;
        this.presets = presets;
        this.upstream = upstream;
        this.scripts = scripts;
    }

    /**
     * Where the router finds its presets and writes token-speed files.
     *
     * @param home    ccr's home; its {@code presets/} are served under {@code /preset/<name>}; empty: no presets
     * @param env     the environment preset configs are interpolated with
     * @param tempDir {@code $TMPDIR}, under which the token-speed plugin writes (spec §7.2)
     */
    public record Options(Optional<CcrHome> home, Map<String, String> env, Path tempDir) {
        public Options {
            env = Map.copyOf(env);
        }

        /** No presets; the process's environment and temp folder. */
        public static Options defaults() {
            return new Options(Optional.empty(), System.getenv(), CliContext.tempDir(System.getenv()));
        }

        static Options of(CliContext context) {
            return new Options(Optional.of(context.home()), context.env(), context.tempDir());
        }
    }

    /** Assembles and starts everything with {@link Options#defaults()}; returns once the port is bound. */
    public static RouterApp start(Config config, ConfigStore store) {
        return start(config, store, Options.defaults());
    }

    /** Assembles and starts everything; returns once the port is bound. */
    public static RouterApp start(Config config, ConfigStore store, Options options) {
        // The slow parts of start-up begin first and go on in the background: the tokenizer's table, the upstream
        // client's TLS set-up, the usage database and any JS.
        TokenCounter tokens = TokenCounter.cl100k();
        UpstreamClient upstream = UpstreamClient.create(config.proxy(), config.resilience().connectTimeout());
        Clock clock = Clock.systemUTC();
        Scripts scripts = Scripts.start(config, Version.current());
        Path healthFile = store.file().toAbsolutePath().getParent().resolve("runtime").resolve("provider-health.json");
        UsageStore usage = usageStore(config, store, clock);
        Metrics metrics = new Metrics();
        Path quotaFile = new CcrHome(store.file().toAbsolutePath().getParent()).runtime().resolve("quota-store.json");
        Quotas quotas = Quotas.start(config, Optional.of(quotaFile), clock);
        Optional<RedisState> shared = TeamState.redis(config);
        KeyLimits limits = TeamState.limits(config, shared, clock);
        Resilience resilience = Resilience.create(config.resilience(), clock, Optional.of(healthFile));
        shared.ifPresent(redis -> SharedResilience.share(redis, resilience.health(), resilience.promotions(), clock));
        MessagesPipeline pipeline = new MessagesPipeline(config, upstream, scripts.route(Router.ccrDefault()), tokens,
                scripts.register(TransformerRegistry.withBuiltins(), config.providers()),
                withQuotaGate(resilience, config, quotas),
                Listeners.both(Listeners.both(listeners(config, options, clock, usage, metrics), quotaHeaders(quotas)),
                        limits.listeners()), clock);
        metrics.watchCircuits(pipeline::healthReport);
        // Preset namespaces: no custom router (as in CCR), the global plugins, provider health kept in memory (one
        // file has one writer).
        PresetPipelines presets = new PresetPipelines(options.home().map(h -> h.presets()), config, options.env(),
                presetConfig -> new MessagesPipeline(presetConfig, upstream, Router.ccrDefault(), tokens,
                        scripts.register(TransformerRegistry.withBuiltins(), presetConfig.providers()),
                        Resilience.create(presetConfig.resilience(), clock, Optional.empty()),
                        Listeners.both(listeners(presetConfig, options, clock, usage, metrics), limits.listeners()), clock));
        try {
            return new RouterApp(CcrServer.start(config, store, pipeline, presets::find, options.home().map(CcrHome::logs),
                    usage, metrics, quotas, clock, Version.current(),
                    new CcrServer.Team(limits, () -> TeamState.health(shared, usage))),
                    pipeline, presets, upstream, scripts, usage, quotas, shared);
        } catch (RuntimeException e) {
            quotas.close();
            shared.ifPresent(RedisState::close);
            presets.close();
            pipeline.close();
            upstream.close();
            scripts.close();
            usage.close();
            throw e;
        }
    }

    /**
     * The fork's usage records (spec §7.1) in {@code data/usage.sqlite} next to the config, like the health file; the
     * legacy {@code data/usage.jsonl} is imported once. {@code USAGE_RETENTION_DAYS} (default 180, 0 keeps all). A
     * team's instances share one PostgreSQL database instead when {@code USAGE_DB} names it.
     */
    private static UsageStore usageStore(Config config, ConfigStore store, Clock clock) {
        Path data = store.file().toAbsolutePath().getParent().resolve("data");
        long days = config.resolved().path(USAGE_RETENTION_DAYS).asLong(DEFAULT_RETENTION_DAYS);
        Duration retention = Duration.ofDays(Math.max(days, 0));
        String shared = config.resolved().path(USAGE_DB).asText("");
        if (shared.startsWith("jdbc:postgresql:")) {
            return JdbcUsageStore.openPostgres(shared, data.resolve("usage-pending.jsonl"), clock, retention);
        } else if (!shared.isEmpty()) { // the URL itself may hold a password: not repeated here
            throw new IllegalStateException(USAGE_DB + " must be a jdbc:postgresql://host:port/database URL");
        }
        return UsageStore.openInBackground(() -> JdbcUsageStore.openSqlite(data.resolve("usage.sqlite"),
                Optional.of(data.resolve("usage.jsonl")), clock, retention));
    }

    /** Resilience whose fallback planner also skips providers whose quota is spent or kept in reserve (docs/quota.md). */
    private static Resilience withQuotaGate(Resilience resilience, Config config, Quotas quotas) {
        return new Resilience(resilience.health(), resilience.promotions(), new FallbackPlanner(config.resilience(),
                resilience.health(), resilience.promotions(), (model, scenario) -> quotas.closedReason(model.provider(), scenario)));
    }

    /** Hands each Anthropic-dialect answer's headers to the quota watch ({@code anthropic-ratelimit-*}). */
    private static RequestListener.Factory quotaHeaders(Quotas quotas) {
        RequestListener listener = new RequestListener() {
            @Override
            public void answerHeaders(dev.ccr.routing.Target target, Map<String, java.util.List<String>> headers) {
                quotas.answered(target.provider(), headers);
            }
        };
        return request -> listener;
    }

    /** The access log, the usage records and the metrics, plus the token-speed plugin when the config enables it. */
    private static RequestListener.Factory listeners(Config config, RouterApp.Options options, Clock clock, UsageStore usage,
                                                     Metrics metrics) {
        RequestListener.Factory log = Listeners.both(Listeners.both(AccessLog.factory(clock), UsageRecorder.factory(clock, usage)),
                metrics.listeners());
        return TokenSpeedRecorder.fromConfig(config.resolved(), options.tempDir(), clock)
                .map(speed -> Listeners.both(log, speed))
                .orElse(log);
    }

    public int port() {
        return server.port();
    }

    public CcrServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        presets.close();
        pipeline.close();
        upstream.close();
        scripts.close();
        usage.close();
        quotas.close();
        shared.ifPresent(RedisState::close);
    }
}
