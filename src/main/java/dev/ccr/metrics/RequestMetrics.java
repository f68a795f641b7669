package dev.ccr.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.observe.RequestListener;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Target;
import dev.ccr.usage.Usage;
import io.micrometer.core.instrument.Tags;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Feeds {@link Metrics} from one request's events: counts it in flight from its start to its end, times its
 * overhead, first byte and duration, and counts its outcome and tokens by provider, model and scenario.
 */
final class RequestMetrics implements RequestListener {
    private final Metrics metrics;
    private final long startNanos;
    private boolean stream;
    private boolean streaming;
    private boolean attempted;
    private boolean ended;
    private String scenario = "";
    private Optional<Target> target = Optional.empty();
    private long firstByteNanos = -1;

    private final String clientKey;

    /** @param clientKey the name of the request's client key, or empty */
    RequestMetrics(Metrics metrics, String clientKey) {
        this.metrics = metrics;
        this.clientKey = clientKey;
        this.startNanos = System.nanoTime();
        metrics.requestsGauge().incrementAndGet();
    }

    @Override
    public synchronized void bodyParsed(ObjectNode body) {
        stream = body.path("stream").asBoolean(false);
    }

    @Override
    public synchronized void routeDecided(RouteDecision decision) {
        scenario = decision.scenario();
        target = decision.target();
    }

    @Override
    public synchronized void attemptStarted(Target next) {
        if (!attempted) {
            attempted = true;
            metrics.overhead().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
        target = Optional.of(next);
    }

    @Override
    public synchronized void attemptFailed(Target failed, ApiError error) {
        metrics.attemptFailures(Tags.of("gen_ai.provider.name", failed.provider(), "gen_ai.request.model", failed.model(),
                "error.type", error.type())).increment();
    }

    @Override
    public synchronized void firstByte() {
        if (firstByteNanos >= 0 || ended) {
            return;
        }
        firstByteNanos = System.nanoTime();
        meters().firstToken().record(firstByteNanos - startNanos, TimeUnit.NANOSECONDS);
        if (stream) {
            streaming = true;
            metrics.streamsGauge().incrementAndGet();
        }
    }

    @Override
    public synchronized void completed(int status, Usage usage) {
        end(status >= 400 ? Optional.of(ApiError.upstream(status, "", null).type()) : Optional.empty());
        RouteMeters meters = meters();
        long input = usage.inputTokens() + usage.cacheReadInputTokens() + usage.cacheCreationInputTokens();
        if (input > 0) {
            meters.inputUsage().record(input);
        }
        if (usage.outputTokens() > 0) {
            meters.outputUsage().record(usage.outputTokens());
        }
        meters.input().increment(usage.inputTokens());
        meters.output().increment(usage.outputTokens());
        meters.cacheRead().increment(usage.cacheReadInputTokens());
        meters.cacheCreation().increment(usage.cacheCreationInputTokens());
    }

    @Override
    public synchronized void failed(ApiError error) {
        end(Optional.of(error.type()));
    }

    private void end(Optional<String> errorType) {
        if (ended) {
            return;
        }
        ended = true;
        metrics.requestsGauge().decrementAndGet();
        if (streaming) {
            metrics.streamsGauge().decrementAndGet();
        }
        long took = System.nanoTime() - startNanos;
        if (errorType.isEmpty()) {
            RouteMeters meters = meters();
            meters.duration().record(took, TimeUnit.NANOSECONDS);
            meters.succeeded().increment();
            return;
        }
        Tags where = where();
        metrics.operationDuration(where.and("error.type", errorType.get())).record(took, TimeUnit.NANOSECONDS);
        // Only the request count carries the client key: one label more on one counter, not on every histogram.
        metrics.requests(where.and("outcome", "error").and("ccr.client.key", clientKey)).increment();
        metrics.errors(where.and("error.type", errorType.get())).increment();
    }

    /** Provider, model and scenario; empty before routing. */
    private Tags where() {
        return route().where();
    }

    private RouteMeters meters() {
        return metrics.route(route());
    }

    private RouteMeters.Route route() {
        return new RouteMeters.Route(target.map(Target::provider).orElse(""), target.map(Target::model).orElse(""),
                scenario, clientKey);
    }
}
