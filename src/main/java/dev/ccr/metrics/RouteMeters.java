package dev.ccr.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters a request that ends well feeds, for one provider, model, scenario and client key: found once per route,
 * not built and looked up in the registry nine times per request (a registry lookup builds, sorts and hashes its tags;
 * together they were 3 % of a small request's CPU at c=64).
 */
record RouteMeters(Timer firstToken, Timer duration, Counter succeeded, DistributionSummary inputUsage,
                   DistributionSummary outputUsage, Counter input, Counter output, Counter cacheRead,
                   Counter cacheCreation) {

    /** What the meters are kept by. */
    record Route(String provider, String model, String scenario, String clientKey) {
        /** Provider, model and scenario, the labels every request meter has. */
        Tags where() {
            return Tags.of("gen_ai.operation.name", "chat", "gen_ai.provider.name", provider,
                    "gen_ai.request.model", model, "ccr.scenario", scenario);
        }
    }

    /**
     * error.type is empty on success: Prometheus treats an empty label as absent, as OpenTelemetry wants it. Only the
     * request count carries the client key: one label more on one counter, not on every histogram.
     */
    static RouteMeters of(Metrics metrics, Route route) {
        Tags where = route.where();
        return new RouteMeters(metrics.timeToFirstToken(where), metrics.operationDuration(where.and("error.type", "")),
                metrics.requests(where.and("outcome", "success").and("ccr.client.key", route.clientKey())),
                metrics.tokenUsage(where.and("gen_ai.token.type", "input")),
                metrics.tokenUsage(where.and("gen_ai.token.type", "output")),
                metrics.tokens(where.and("type", "input")), metrics.tokens(where.and("type", "output")),
                metrics.tokens(where.and("type", "cache_read")), metrics.tokens(where.and("type", "cache_creation")));
    }
}
