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
        metrics.timeToFirstToken(where()).record(firstByteNanos - startNanos, TimeUnit.NANOSECONDS);
        if (stream) {
            streaming = true;
            metrics.streamsGauge().incrementAndGet();
        }
    }

    @Override
    public synchronized void completed(int status, Usage usage) {
        end(status >= 400 ? Optional.of(ApiError.upstream(status, "", null).type()) : Optional.empty());
        Tags where = where();
        long input = usage.inputTokens() + usage.cacheReadInputTokens() + usage.cacheCreationInputTokens();
        if (input > 0) {
            metrics.tokenUsage(where.and("gen_ai.token.type", "input")).record(input);
        }
        if (usage.outputTokens() > 0) {
            metrics.tokenUsage(where.and("gen_ai.token.type", "output")).record(usage.outputTokens());
        }
        metrics.tokens(where.and("type", "input")).increment(usage.inputTokens());
        metrics.tokens(where.and("type", "output")).increment(usage.outputTokens());
        metrics.tokens(where.and("type", "cache_read")).increment(usage.cacheReadInputTokens());
        metrics.tokens(where.and("type", "cache_creation")).increment(usage.cacheCreationInputTokens());
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
        Tags where = where();
        // error.type is empty on success: Prometheus treats an empty label as absent, as OpenTelemetry wants it.
        metrics.operationDuration(where.and("error.type", errorType.orElse("")))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        // Only the request count carries the client key: one label more on one counter, not on every histogram.
        metrics.requests(where.and("outcome", errorType.isPresent() ? "error" : "success").and("ccr.client.key", clientKey))
                .increment();
        errorType.ifPresent(type -> metrics.errors(where.and("error.type", type)).increment());
    }

    /** Provider, model and scenario; empty before routing. */
    private Tags where() {
        return Tags.of("gen_ai.operation.name", "chat",
                "gen_ai.provider.name", target.map(Target::provider).orElse(""),
                "gen_ai.request.model", target.map(Target::model).orElse(""),
                "ccr.scenario", scenario);
    }
}
