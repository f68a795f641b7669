package dev.ccr.app;

import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.limits.KeyLimits;
import dev.ccr.metrics.Metrics;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.quota.Quotas;
import dev.ccr.routing.SessionUsage;
import dev.ccr.routing.TokenCounter;
import dev.ccr.script.Scripts;
import dev.ccr.shared.RedisState;
import dev.ccr.upstream.UpstreamClient;
import dev.ccr.usage.UsageStore;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a running router builds once, at start, and every {@link Runtime} shares (the main one, each preset's, and
 * the next one after a config reload): the upstream client, the tokenizer, the stream timer, the JS scripts, the
 * usage store, metrics, quota polling, a team's Redis and client-key limits, the sessions' last usage (which
 * routing reads, kept across reloads), and the clock. Closed last, in the reverse order of opening.
 */
record Services(Config startConfig, CcrHome home, RouterApp.Options options, Clock clock, UpstreamClient upstream,
                TokenCounter tokens, ScheduledExecutorService timer, Scripts scripts, UsageStore usage, Metrics metrics,
                Quotas quotas, Optional<RedisState> redis, KeyLimits limits, SessionUsage sessions,
                Deque<AutoCloseable> opened)
        implements AutoCloseable {

    /**
     * Opens everything. The slow parts begin first and go on in the background: the tokenizer's table, the upstream
     * client's TLS set-up, the usage database and any JS. If one part fails, those already opened are closed.
     */
    static Services open(Config config, CcrHome home, RouterApp.Options options, Clock clock) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            TokenCounter tokens = TokenCounter.cl100k();
            UpstreamClient upstream = opening(opened, UpstreamClient.create(config.proxy(), config.resilience().connectTimeout()));
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("ccr-stream-timer").factory());
            opened.push(timer::shutdownNow);
            IdleHeapReturn.startIfSerial(timer);
            OldGenerationBudget.startIfSerial(timer);
            Metrics metrics = new Metrics();
            Scripts scripts = opening(opened, Scripts.start(config, options.version(), metrics::scriptCall));
            UsageStore usage = opening(opened, UsageStores.open(config, home, clock));
            Quotas quotas = opening(opened, Quotas.start(config, Optional.of(home.runtime().resolve("quota-store.json")), clock));
            Optional<RedisState> redis = TeamState.redis(config);
            redis.ifPresent(r -> opened.push(r::close));
            KeyLimits limits = TeamState.limits(config, redis, clock);
            TeamState.shareQuotas(redis, quotas);
            SessionUsage sessions = TeamState.sessions(redis, clock);
            return new Services(config, home, options, clock, upstream, tokens, timer, scripts, usage, metrics,
                    quotas, redis, limits, sessions, opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T opening(Deque<AutoCloseable> opened, T part) {
        opened.push(part);
        return part;
    }

    /** What every pipeline shares. */
    MessagesPipeline.Shared pipelines() {
        return new MessagesPipeline.Shared(upstream, tokens, timer, clock);
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // closing is best effort: the next part still closes
            }
        }
    }
}
