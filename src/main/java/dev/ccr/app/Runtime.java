package dev.ccr.app;

import dev.ccr.config.Config;
import dev.ccr.observe.AccessLog;
import dev.ccr.observe.BreakerLog;
import dev.ccr.observe.RequestListener;
import dev.ccr.observe.SessionUsageRecorder;
import dev.ccr.observe.TokenSpeedRecorder;
import dev.ccr.observe.UsageRecorder;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.quota.Quotas;
import dev.ccr.resilience.Resilience;
import dev.ccr.routing.Router;
import dev.ccr.routing.Target;
import dev.ccr.shared.SharedResilience;
import dev.ccr.transform.TransformerRegistry;
import dev.ccr.transform.builtin.Builtins;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one config builds: its router, transformer registry, resilience and the pipeline over them, on the
 * {@link Services} that outlive it. Built whole before it is used, so a reload is "parse, validate, build, swap",
 * and a config that fails to build leaves the running one in place.
 */
public record Runtime(Config config, Router router, TransformerRegistry transformers, Resilience resilience,
                      MessagesPipeline pipeline) {

    /** Which namespace a runtime serves; they differ as CCR's do. */
    enum Namespace {
        /**
         * {@code /v1/messages}: the custom router runs, breaker states persist in {@code runtime/} and are shared
         * with a team's other instances.
         */
        MAIN,
        /**
         * {@code /preset/<name>/...}: no custom router (as in CCR); breaker states kept in memory, since the health
         * file has one writer.
         */
        PRESET
    }

    /**
     * @param carried the resilience state to keep (breakers, promotions) when a reload did not change its settings;
     *                empty: new state, restored from the health file for the main namespace
     */
    static Runtime build(Config config, Services services, Namespace namespace, Optional<Resilience> carried) {
        boolean main = namespace == Namespace.MAIN;
        Router router = main ? services.scripts().route(Router.ccrDefault().withSessionUsage(services.sessions()))
                : Router.ccrDefault();
        TransformerRegistry transformers = services.scripts().register(Builtins.registry(), config.providers());
        Resilience resilience = carried.orElseGet(() -> resilience(config, services, main));
        MessagesPipeline pipeline = new MessagesPipeline(config, router, transformers, resilience,
                listeners(config, services, router), services.pipelines());
        return new Runtime(config, router, transformers, resilience, pipeline);
    }

    private static Resilience resilience(Config config, Services services, boolean main) {
        Quotas quotas = services.quotas();
        Resilience resilience = Resilience.create(config.resilience(), services.clock(),
                main ? Optional.of(services.home().healthFile()) : Optional.empty(),
                (model, scenario) -> quotas.closedReason(model.provider(), scenario),
                new BreakerLog().andThen(services.metrics().circuitTransitions()));
        if (main) {
            services.redis().ifPresent(redis -> SharedResilience.share(redis, resilience.health(), resilience.promotions(),
                    services.clock()));
        }
        return resilience;
    }

    /**
     * Every observer of a request, in this order: the session's last usage (first, so the session's next request
     * sees it), the access log, the usage records, metrics, the token-speed files, the quota watch, client-key limits.
     */
    private static RequestListener.Factory listeners(Config config, Services services, Router router) {
        return RequestListener.Factory.compose(
                SessionUsageRecorder.factory(router.sessionUsage()),
                AccessLog.factory(services.clock()),
                UsageRecorder.factory(services.clock(), services.usage()),
                services.metrics().listeners(),
                TokenSpeedRecorder.factory(config.plugins(), services.options().tempDir(), services.clock()),
                quotaHeaders(services.quotas()),
                services.limits().listeners());
    }

    /** Hands each Anthropic-dialect answer's headers to the quota watch ({@code anthropic-ratelimit-*}). */
    private static RequestListener.Factory quotaHeaders(Quotas quotas) {
        RequestListener listener = new RequestListener() {
            @Override
            public void answerHeaders(Target target, Map<String, List<String>> headers) {
                quotas.answered(target.provider(), headers);
            }
        };
        return request -> listener;
    }
}
