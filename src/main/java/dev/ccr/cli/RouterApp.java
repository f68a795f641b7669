package dev.ccr.cli;

import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;
import dev.ccr.pipeline.AccessLog;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.pipeline.RequestListener;
import dev.ccr.pipeline.Resilience;
import dev.ccr.routing.Router;
import dev.ccr.routing.TokenCounter;
import dev.ccr.server.CcrServer;
import dev.ccr.transform.TransformerRegistry;
import dev.ccr.upstream.UpstreamClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A running router: the server, the pipeline behind it, the preset namespaces and the upstream client, assembled
 * from one config.
 */
public final class RouterApp implements AutoCloseable {
    private final CcrServer server;
    private final MessagesPipeline pipeline;
    private final PresetPipelines presets;
    private final UpstreamClient upstream;

    private RouterApp(CcrServer server, MessagesPipeline pipeline, PresetPipelines presets, UpstreamClient upstream) {
        this.server = server;
        this.pipeline = pipeline;
        this.presets = presets;
        this.upstream = upstream;
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
        UpstreamClient upstream = UpstreamClient.create(config.proxy(), config.resilience().connectTimeout());
        Clock clock = Clock.systemUTC();
        Path healthFile = store.file().toAbsolutePath().getParent().resolve("runtime").resolve("provider-health.json");
        MessagesPipeline pipeline = pipeline(config, upstream, Optional.of(healthFile), listeners(config, options, clock), clock);
        // Preset namespaces keep their provider health in memory: one file has one writer.
        PresetPipelines presets = new PresetPipelines(options.home().map(h -> h.presets()), config, options.env(),
                presetConfig -> pipeline(presetConfig, upstream, Optional.empty(), listeners(presetConfig, options, clock), clock));
        try {
            return new RouterApp(CcrServer.start(config, store, pipeline, presets::find, clock, Version.current()),
                    pipeline, presets, upstream);
        } catch (RuntimeException e) {
            presets.close();
            pipeline.close();
            upstream.close();
            throw e;
        }
    }

    private static MessagesPipeline pipeline(Config config, UpstreamClient upstream, Optional<Path> healthFile,
                                             RequestListener.Factory listeners, Clock clock) {
        return new MessagesPipeline(config, upstream, Router.ccrDefault(), TokenCounter.cl100k(),
                TransformerRegistry.withBuiltins(), Resilience.create(config.resilience(), clock, healthFile), listeners, clock);
    }

    /** The access log, plus the token-speed plugin when the config enables it. */
    private static RequestListener.Factory listeners(Config config, RouterApp.Options options, Clock clock) {
        RequestListener.Factory log = AccessLog.factory(clock);
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
    }
}
