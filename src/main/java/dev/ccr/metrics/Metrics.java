package dev.ccr.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.observe.RequestListener;
import dev.ccr.resilience.BreakerListener;
import dev.ccr.resilience.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * ccr's metrics registry: the meters {@link RequestMetrics} feeds, the in-flight gauges, the circuit states read at
 * scrape time, and the Prometheus text for {@code GET /metrics}. One per running router.
 */
public final class Metrics {
    /** OpenTelemetry's advised buckets for {@code gen_ai.client.operation.duration}, in seconds. */
    private static final Duration[] DURATION_BUCKETS = durations(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92);
    /** OpenTelemetry's advised buckets for {@code gen_ai.client.token.usage}. */
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
            4194304, 16777216, 67108864};
    /** ccr's own work is milliseconds; finer buckets than a model call's. */
    private static final Duration[] OVERHEAD_BUCKETS = durations(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1,
            0.25, 0.5, 1);
    private static final String[] CIRCUIT_STATES = {"closed", "open", "half-open"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final AtomicInteger streamsInFlight = new AtomicInteger();
    private final MultiGauge circuits;
    private volatile Supplier<JsonNode> circuitStates = () -> com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    private final Map<RouteMeters.Route, RouteMeters> routes = new ConcurrentHashMap<>();
    private volatile Timer overhead;

    public Metrics() {
        Gauge.builder("ccr.requests.active", requestsInFlight, AtomicInteger::get)
                .description("Requests that arrived and have not ended").register(registry);
        Gauge.builder("ccr.streams.active", streamsInFlight, AtomicInteger::get)
                .description("Streamed answers that have started and not ended").register(registry);
        circuits = MultiGauge.builder("ccr.circuit.state")
                .description("1 for each provider model's current circuit state (closed, open, half-open), else 0")
                .register(registry);
    }

    /** Where the circuit states come from: {@code GET /api/health}'s report, read at each scrape. */
    public void watchCircuits(Supplier<JsonNode> healthReport) {
        this.circuitStates = healthReport;
    }

    /**
     * Counts breaker changes by what the breaker became, {@code ccr_circuit_transitions_total{provider, model, to}}
     * with {@code to} one of open, rate-limited, closed (a half-open breaker only changes on its next answer).
     */
    public BreakerListener circuitTransitions() {
        return (model, now, why) -> Counter.builder("ccr.circuit.transitions")
                .description("Circuit breaker changes on this instance, by the state reached")
                .tags("provider", model.provider(), "model", model.model(), "to", now.rateLimitUntil().isPresent()
                        ? "rate-limited" : now.state() == CircuitBreaker.State.CLOSED ? "closed" : "open")
                .register(registry).increment();
    }

    /** A {@link RequestMetrics} for each request. */
    public RequestListener.Factory listeners() {
        return request -> new RequestMetrics(this, request.clientKey().orElse(""));
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    public String scrape() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (JsonNode state : circuitStates.get().path("states")) {
            String current = state.path("status").asText("");
            for (String s : CIRCUIT_STATES) {
                rows.add(MultiGauge.Row.of(Tags.of("provider", state.path("provider").asText(""),
                        "model", state.path("model").asText(""), "state", s), s.equals(current) ? 1 : 0));
            }
        }
        circuits.register(rows, true);
        return registry.scrape();
    }

    public int requestsInFlight() {
        return requestsInFlight.get();
    }

    public int streamsInFlight() {
        return streamsInFlight.get();
    }

    AtomicInteger requestsGauge() {
        return requestsInFlight;
    }

    AtomicInteger streamsGauge() {
        return streamsInFlight;
    }

    Timer operationDuration(Tags tags) {
        return Timer.builder("gen_ai.client.operation.duration")
                .description("A request's duration, from its arrival to its last byte or its error (OpenTelemetry GenAI)")
                .serviceLevelObjectives(DURATION_BUCKETS).tags(tags).register(registry);
    }

    Timer timeToFirstToken(Tags tags) {
        return Timer.builder("gen_ai.server.time_to_first_token")
                .description("From a request's arrival to the first byte of its answer sent to the client (OpenTelemetry GenAI)")
                .serviceLevelObjectives(DURATION_BUCKETS).tags(tags).register(registry);
    }

    /**
     * Records one call into JavaScript, {@code ccr_js_call_seconds{script, hook, outcome}}: the custom router
     * ({@code hook="router"}) or a plugin's {@code transformRequestIn} / {@code transformResponseOut}.
     */
    public void scriptCall(String script, String hook, Duration took, boolean ok) {
        Timer.builder("ccr.js.call")
                .description("A call into JavaScript: the custom router, or a plugin's request or response half")
                .tags("script", script, "hook", hook, "outcome", ok ? "ok" : "failed")
                .serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry).record(took);
    }

    Timer overhead() {
        Timer timer = overhead;
        if (timer == null) {
            timer = Timer.builder("ccr.request.overhead")
                    .description("ccr's own time before the provider call: reading, parsing, routing and planning the request")
                    .serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry);
            overhead = timer;
        }
        return timer;
    }

    RouteMeters route(RouteMeters.Route route) {
        RouteMeters meters = routes.get(route);
        return meters != null ? meters : routes.computeIfAbsent(route, r -> RouteMeters.of(this, r));
    }

    DistributionSummary tokenUsage(Tags tags) {
        return DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Tokens per request, by gen_ai.token.type input (cache reads and writes included) or output (OpenTelemetry GenAI)")
                .serviceLevelObjectives(TOKEN_BUCKETS).tags(tags).register(registry);
    }

    Counter tokens(Tags tags) {
        return Counter.builder("ccr.tokens")
                .description("Tokens the providers reported, by type: input (uncached), output, cache_read, cache_creation")
                .tags(tags).register(registry);
    }

    Counter requests(Tags tags) {
        return Counter.builder("ccr.requests").description("Requests that ended, by outcome (success or error)")
                .tags(tags).register(registry);
    }

    Counter errors(Tags tags) {
        return Counter.builder("ccr.errors").description("Requests that ended in an error, by Anthropic error type")
                .tags(tags).register(registry);
    }

    Counter attemptFailures(Tags tags) {
        return Counter.builder("ccr.attempt.failures")
                .description("Provider attempts that failed before answering (each may have been followed by a retry or fallback)")
                .tags(tags).register(registry);
    }

    private static Duration[] durations(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }
}
