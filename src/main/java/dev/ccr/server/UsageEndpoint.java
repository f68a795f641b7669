package dev.ccr.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.metrics.Metrics;
import dev.ccr.usage.UsageFilter;
import dev.ccr.usage.UsageRecord;
import dev.ccr.usage.UsageStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.time.Instant;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CCR fork's usage API (docs/usage.md): {@code GET /api/usage} (filtered, paged records newest first, with their
 * summary), {@code GET /api/usage/summary} and {@code DELETE /api/usage?beforeDate=} (everything when no date); and
 * ccr's {@code GET /api/usage/live}. docs/usage.md is the reference.
 */
final class UsageEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE_SIZE = 1000;

    private final UsageStore store;
    private final Metrics metrics;

    UsageEndpoint(UsageStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    HttpHandler list() {
        return exchange -> {
            int page = number(exchange, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
            int pageSize = number(exchange, "pageSize", 50, MAX_PAGE_SIZE);
            UsageStore.Page result = store.page(filter(exchange), page, pageSize);
            ObjectNode body = JSON.createObjectNode();
            ArrayNode records = body.putArray("records");
            result.records().forEach(r -> records.add(r.toJson()));
            body.set("summary", result.summary().toJson());
            body.put("total", result.total()).put("page", result.page()).put("pageSize", result.pageSize());
            Responses.json(exchange, 200, body);
        };
    }

    HttpHandler summary() {
        return exchange -> Responses.json(exchange, 200, store.summary(filter(exchange)).toJson());
    }

    HttpHandler live() {
        return exchange -> Responses.json(exchange, 200, JSON.createObjectNode()
                .put("requestsInFlight", metrics.requestsInFlight()).put("streamsInFlight", metrics.streamsInFlight()));
    }

    HttpHandler clear() {
        return exchange -> {
            Optional<Instant> before = param(exchange, "beforeDate").map(d -> parsed(d, UsageFilter::startOf, "beforeDate"));
            int removed = store.clear(before);
            Responses.json(exchange, 200, JSON.createObjectNode().put("success", true).put("deleted", removed));
        };
    }

    /** The fork's filters; the summary takes them all too (the fork's only dates and status). */
    private static UsageFilter filter(HttpServerExchange exchange) {
        Optional<UsageRecord.Status> status = param(exchange, "status").map(s -> UsageRecord.Status.parse(s)
                .orElseThrow(() -> ApiError.invalidRequest("status must be success or error").exception()));
        return new UsageFilter(
                param(exchange, "startDate").map(d -> parsed(d, UsageFilter::startOf, "startDate")),
                param(exchange, "endDate").map(d -> parsed(d, UsageFilter::endOf, "endDate")),
                param(exchange, "model"),
                param(exchange, "provider"),
                param(exchange, "scenario"),
                param(exchange, "clientType"),
                param(exchange, "sessionId"),
                status);
    }

    private static Instant parsed(String text, Function<String, Instant> parse, String name) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest(name + ": " + e.getMessage()).exception();
        }
    }

    private static int number(HttpServerExchange exchange, String name, int fallback, int max) {
        Optional<String> text = param(exchange, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.get());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw ApiError.invalidRequest(name + " must be a positive whole number").exception();
        }
    }

    private static Optional<String> param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.getFirst().isBlank()
                ? Optional.empty() : Optional.of(values.getFirst().trim());
    }
}
