package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;
import dev.ccr.pipeline.AccessLog;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.pipeline.Resilience;
import dev.ccr.routing.Router;
import dev.ccr.routing.TokenCounter;
import dev.ccr.script.Scripts;
import dev.ccr.server.CcrServer;
import dev.ccr.transform.TransformerRegistry;
import dev.ccr.upstream.UpstreamClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** A running router: the server, the pipeline behind it and the upstream client, assembled from one config. */
public final class RouterApp implements AutoCloseable {
    private final CcrServer server;
    private final MessagesPipeline pipeline;
    private final UpstreamClient upstream;
    private final Scripts scripts;

    private RouterApp(CcrServer server, MessagesPipeline pipeline, UpstreamClient upstream, Scripts scripts) {
        this.server = server;
        this.pipeline = pipeline;
        this.upstream = upstream;
        this.scripts = scripts;
    }

    /** Assembles and starts everything; returns once the port is bound. */
    public static RouterApp start(Config config, ConfigStore store) {
        UpstreamClient upstream = UpstreamClient.create(config.proxy(), config.resilience().connectTimeout());
        Clock clock = Clock.systemUTC();
        // JS custom router and plugins, if configured: they load in the background while the server starts.
        Scripts scripts = Scripts.start(config, Version.current());
        Path healthFile = store.file().toAbsolutePath().getParent().resolve("runtime").resolve("provider-health.json");
        MessagesPipeline pipeline = new MessagesPipeline(config, upstream, scripts.route(Router.ccrDefault()), TokenCounter.cl100k(),
                scripts.register(TransformerRegistry.withBuiltins(), config.providers()),
                Resilience.create(config.resilience(), clock, Optional.of(healthFile)), AccessLog.factory(clock), clock);
        try {
            return new RouterApp(CcrServer.start(config, store, pipeline, clock, Version.current()), pipeline, upstream, scripts);
        } catch (RuntimeException e) {
            pipeline.close();
            upstream.close();
            scripts.close();
            throw e;
        }
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
        pipeline.close();
        upstream.close();
        scripts.close();
    }
}
