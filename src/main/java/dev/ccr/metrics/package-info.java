/**
 * Metrics: ccr's request metrics in Micrometer, exposed in Prometheus' text format for {@code GET /metrics}
 * (docs/metrics.md). {@link dev.ccr.metrics.Metrics} owns the registry; {@link dev.ccr.metrics.RequestMetrics} is
 * the request listener that feeds it. Token and duration metrics follow OpenTelemetry's GenAI conventions.
 *
 * <p>May use {@code pipeline} (the listener SPI), {@code routing} and {@code usage} (the event types). Never the server
 * or the CLI. Nothing here returns null.
 */
package dev.ccr.metrics;
